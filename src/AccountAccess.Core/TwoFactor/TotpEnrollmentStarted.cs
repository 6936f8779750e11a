namespace AccountAccess.Core.TwoFactor;

/// <summary>What an authenticator app needs to be set up: the secret (base32, shown once) and the <c>otpauth://</c> URI.</summary>
public sealed record TotpEnrollmentStarted(string Secret, string OtpAuthUri);
