using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// A proven sign-in: either an access token (<see cref="Token"/>), or — when the password must be replaced first — the
/// reason and a short-lived change token that only POST /api/password/change accepts.
/// </summary>
public sealed record SignedIn(User User, SignInGrant Grant, AccessToken? Token, PasswordChangeReason? ChangeRequired = null, AccessToken? ChangeToken = null);
