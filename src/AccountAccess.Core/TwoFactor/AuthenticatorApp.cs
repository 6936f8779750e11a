using OtpNet;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// RFC 6238 TOTP with Otp.NET: 160-bit secrets, six digits, 30-second steps, one step of clock drift either way. The
/// matched time step is returned so a code is accepted only if its step is newer than the last one accepted.
/// </summary>
public static class AuthenticatorApp
{
    public const string Issuer = "AccountAccess";

    private static readonly VerificationWindow OneStepEitherWay = new(previous: 1, future: 1);

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>The <c>otpauth://totp/…</c> URI authenticator apps scan (Key Uri Format).</summary>
    public static string OtpAuthUri(byte[] secret, string accountName) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(accountName)}?secret={Base32(secret)}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The time step <paramref name="code"/> matches at <paramref name="now"/>, or null.</summary>
    public static long? MatchedStep(byte[] secret, string code, DateTimeOffset now) =>
        new Totp(secret).VerifyTotp(now.UtcDateTime, code, out var step, OneStepEitherWay) ? step : null;

    public static string CodeAt(byte[] secret, DateTimeOffset at) => new Totp(secret).ComputeTotp(at.UtcDateTime);
}
