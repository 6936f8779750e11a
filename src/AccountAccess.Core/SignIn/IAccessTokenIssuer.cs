using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>Makes the bearer token a successful sign-in hands out.</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(User user, SignInGrant grant, DateTimeOffset now);

    /// <summary>A short-lived token that only lets <paramref name="user"/> replace the password, then sign in on <paramref name="attempt"/>'s portal.</summary>
    AccessToken IssueChangeToken(User user, SignInAttempt attempt, DateTimeOffset now);
}
