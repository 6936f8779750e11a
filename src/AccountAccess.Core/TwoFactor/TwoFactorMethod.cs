namespace AccountAccess.Core.TwoFactor;

/// <summary>How a person proves the second factor (API.md <c>methods</c>).</summary>
public enum TwoFactorMethod
{
    /// <summary>A passkey (WebAuthn): phishing-resistant, answered at /api/auth/2fa/verify with a <c>credential</c>.</summary>
    Passkey,

    /// <summary>An authenticator app (RFC 6238 TOTP).</summary>
    Totp,
    Sms,

    /// <summary>A phone call reading the code.</summary>
    Voice,

    /// <summary>A code by email, where the organization's policy allows it (<c>emailSecondFactor</c>).</summary>
    Email,

    /// <summary>One of the ten single-use codes shown at enrolment.</summary>
    RecoveryCode,
}
