using AccountAccess.Core.Accounts;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// A sign-in's 200 answer when access is granted (<c>status: "ok"</c>), with the token that makes this client a trusted
/// device of the account: keep it (per login) and send it with the next sign-in.
/// </summary>
public sealed record LoginResponse(string Status, string AccessToken, DateTimeOffset ExpiresAt, string DeviceToken, SignedInUser User)
{
    public static LoginResponse From(SignedIn.Granted granted) => new(
        "ok",
        granted.Token.Value,
        granted.Token.ExpiresAt,
        granted.DeviceToken,
        new SignedInUser(granted.User.Id, granted.User.DisplayName, granted.Grant.Role, granted.Grant.OrganizationIds));
}

/// <summary>A sign-in's 200 answer when the password must be replaced first (expired or temporary).</summary>
public sealed record PasswordChangeRequiredResponse(string Status, PasswordChangeReason Reason, string ChangeToken, DateTimeOffset ChangeTokenExpiresAt)
{
    public static PasswordChangeRequiredResponse From(SignedIn.PasswordChangeRequired required) =>
        new("password_change_required", required.Reason, required.ChangeToken.Value, required.ChangeToken.ExpiresAt);
}

/// <summary>
/// A sign-in's 200 answer when a second factor is enrolled: answer the challenge at /api/auth/2fa/verify. With a passkey
/// among the <c>methods</c>, <c>passkeyOptions</c> holds its request options (as POST /api/auth/passkey/options gives them).
/// </summary>
public sealed record TwoFactorRequiredResponse(
    string Status, string ChallengeId, IReadOnlyList<TwoFactorMethod> Methods, DateTimeOffset ExpiresAt, System.Text.Json.JsonElement? PasskeyOptions)
{
    public static TwoFactorRequiredResponse From(SignedIn.TwoFactorRequired required) =>
        new("two_factor_required", required.Challenge.Id, required.Methods, required.Challenge.ExpiresAt,
            required.Challenge.PasskeyOptions is { } options ? System.Text.Json.JsonDocument.Parse(options).RootElement.Clone() : null);
}

/// <summary>
/// A sign-in's 200 answer when an organization requires a second factor (or a passkey: <c>requirePhishingResistant</c>) the
/// user has not enrolled: the enrolment token is accepted as a Bearer token by POST /api/account/2fa/totp, /totp/confirm,
/// /phone, /api/account/passkeys/options and /api/account/passkeys only, to set up one of <c>methods</c>; then sign in again.
/// </summary>
public sealed record TwoFactorEnrollmentRequiredResponse(
    string Status, string EnrollmentToken, DateTimeOffset EnrollmentTokenExpiresAt, IReadOnlyList<TwoFactorMethod> Methods)
{
    public static TwoFactorEnrollmentRequiredResponse From(SignedIn.TwoFactorEnrollmentRequired required) =>
        new("two_factor_enrollment_required", required.EnrollmentToken.Value, required.EnrollmentToken.ExpiresAt, required.Methods);
}

public sealed record SignedInUser(string Id, string DisplayName, Role Role, IReadOnlyList<string> OrganizationIds);
