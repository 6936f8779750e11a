using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>Makes the bearer token a successful sign-in hands out.</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(User user, SignInGrant grant, DateTimeOffset now);
}
