using System.Text.Json;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// POST /api/account/passkeys: the <c>challengeId</c> of the options, a name (optional), and the <c>credential</c> —
/// the RegistrationResponseJSON of <c>navigator.credentials.create</c> (<c>PublicKeyCredential.toJSON()</c>).
/// </summary>
public sealed record RegisterPasskeyBody(string? ChallengeId, string? Name, JsonElement? Credential);
