namespace AccountAccess.Functions.Contracts;

/// <summary>What an authenticator app needs: the secret, the otpauth URI and the same URI as a QR code (SVG).</summary>
public sealed record TotpEnrollmentResponse(string Secret, string OtpauthUri, string QrCodeSvg);
