using System.Text.Json;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// POST /api/auth/passkey/verify: the <c>challengeId</c> of the options, the <c>credential</c> (AuthenticationResponseJSON of
/// <c>navigator.credentials.get</c>), and what a login sends besides the password: the portal and the app's version.
/// </summary>
public sealed record VerifyPasskeyBody(string? ChallengeId, JsonElement? Credential, Portal? Portal, string? AppVersion);
