using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>Makes the bearer tokens sign-in hands out.</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(User user, SignInGrant grant, DateTimeOffset now);

    /// <summary>A short-lived token that only serves <paramref name="purpose"/>, then lets the user sign in on <paramref name="attempt"/>'s portal.</summary>
    AccessToken IssueRestricted(User user, TokenPurpose purpose, SignInAttempt attempt, DateTimeOffset now);
}
