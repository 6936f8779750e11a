using System.Text.Json;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// POST /api/auth/2fa/verify: a code (authenticator, SMS, voice, email), a recovery code, or a passkey's <c>credential</c>
/// (the AuthenticationResponseJSON of <c>navigator.credentials.get</c> with the challenge's <c>passkeyOptions</c>).
/// </summary>
public sealed record VerifyCodeBody(string? ChallengeId, string? Code, string? RecoveryCode, JsonElement? Credential = null);
