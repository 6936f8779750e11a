using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>A successful sign-in: the access token, the user and what the sign-in grants.</summary>
public sealed record SignedIn(AccessToken Token, User User, SignInGrant Grant);
