using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>Makes the bearer tokens sign-in hands out.</summary>
public interface IAccessTokenIssuer
{
    /// <summary>
    /// An access token of the session <paramref name="sessionId"/>, living its configured lifetime from
    /// <paramref name="now"/> but never past <paramref name="notAfter"/> (the session's own end).
    /// </summary>
    AccessToken Issue(User user, SignInGrant grant, string sessionId, DateTimeOffset now, DateTimeOffset notAfter);

    /// <summary>A short-lived token that only serves <paramref name="purpose"/>, then lets the user sign in on <paramref name="attempt"/>'s portal.</summary>
    AccessToken IssueRestricted(User user, TokenPurpose purpose, SignInAttempt attempt, DateTimeOffset now);
}
