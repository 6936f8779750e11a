using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OtpNet;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// What a person's phone does in a test: an authenticator app computing codes from the secret enrolment returned
/// (Otp.NET, RFC 6238), the six digits of a received SMS, and the enrolment calls of API.md "Two-factor enrolment".
/// </summary>
public static partial class Authenticator
{
    /// <summary>The code of the next 30-second step: fresh after a confirmation or sign-in in the current step.</summary>
    public static string NextStepCode(string secret) => Totp(secret).ComputeTotp(DateTime.UtcNow.AddSeconds(30));

    public static string CurrentCode(string secret) => Totp(secret).ComputeTotp();

    /// <summary>A phone number no other test uses (the SMS pickup folder is shared by a class).</summary>
    public static string UniquePhone() => "+1514555" + RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static string CodeIn(string text) => SixDigits().Match(text) is { Success: true } match
        ? match.Value
        : throw new Xunit.Sdk.XunitException($"No six-digit code in: {text}");

    /// <summary>
    /// Enrols an authenticator app confirmed with the current step's code, giving <paramref name="password"/> as the
    /// step-up when there is one; returns the base32 secret and the recovery codes.
    /// </summary>
    public static async Task<(string Secret, string[] RecoveryCodes)> EnrolTotpAsync(Api api, string bearer, string? password = null)
    {
        var started = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", password is null ? null : new { password }, bearer: bearer);
        started.ShouldBe(HttpStatusCode.OK);
        var secret = started.Json!["secret"]!.GetValue<string>();
        var confirmed = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp/confirm", new { code = CurrentCode(secret) }, bearer: bearer);
        confirmed.ShouldBe(HttpStatusCode.OK);
        return (secret, confirmed.Json!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
    }

    /// <summary>Signs in with the password, then answers the second-factor challenge with the authenticator; returns the access token.</summary>
    public static async Task<string> SignInWithTotpAsync(Api api, string login, string secret, string portal = "employee")
    {
        var started = await api.LoginAsync(login, portal: portal);
        started.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_required", started.Json!["status"]!.GetValue<string>());
        var verified = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId = started.Json["challengeId"]!.GetValue<string>(), code = NextStepCode(secret) });
        verified.ShouldBe(HttpStatusCode.OK);
        return verified.Json!["accessToken"]!.GetValue<string>();
    }

    private static Totp Totp(string secret) => new(Base32Encoding.ToBytes(secret));

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
