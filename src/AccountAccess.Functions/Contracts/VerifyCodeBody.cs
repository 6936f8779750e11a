namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/auth/2fa/verify: a code (authenticator, SMS, voice, email) or a recovery code.</summary>
public sealed record VerifyCodeBody(string? ChallengeId, string? Code, string? RecoveryCode);
