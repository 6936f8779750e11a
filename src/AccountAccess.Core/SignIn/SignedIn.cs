using AccountAccess.Core.Accounts;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// What a person who proved the password (and passed every blocker) gets: a closed set, one case per 200 answer of
/// API.md's sign-in table, in the order they are checked.
/// </summary>
public abstract record SignedIn(User User, SignInGrant Grant)
{
    /// <summary>The password is temporary or expired: a short-lived token that only lets it be replaced.</summary>
    public sealed record PasswordChangeRequired(User User, SignInGrant Grant, PasswordChangeReason Reason, AccessToken ChangeToken) : SignedIn(User, Grant);

    /// <summary>A second factor is enrolled: the challenge to answer, and the methods this user has.</summary>
    public sealed record TwoFactorRequired(User User, SignInGrant Grant, Challenge Challenge, IReadOnlyList<TwoFactorMethod> Methods) : SignedIn(User, Grant);

    /// <summary>
    /// An organization requires a second factor (or a passkey) the user has not enrolled: a token that only lets them enrol
    /// one of <paramref name="Methods"/>.
    /// </summary>
    public sealed record TwoFactorEnrollmentRequired(User User, SignInGrant Grant, AccessToken EnrollmentToken, IReadOnlyList<TwoFactorMethod> Methods)
        : SignedIn(User, Grant);

    /// <summary>Signed in, with the token of the device it trusts (<see cref="Devices.TrustedDevices"/>).</summary>
    public sealed record Granted(User User, SignInGrant Grant, AccessToken Token, string DeviceToken) : SignedIn(User, Grant);
}
