using System.Text.Json;
using AccountAccess.Core.Passkeys;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// POST /api/account/passkeys/options and /api/auth/passkey/options: the id to send back with the answer, and
/// <c>options</c> — PublicKeyCredentialCreationOptions or RequestOptions as a JSON object with base64url binary fields, as
/// <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> / <c>parseRequestOptionsFromJSON</c> take them.
/// </summary>
public sealed record PasskeyOptionsResponse(string ChallengeId, JsonElement Options, DateTimeOffset ExpiresAt)
{
    public static PasskeyOptionsResponse From(PasskeyOptions options) =>
        new(options.ChallengeId, JsonDocument.Parse(options.Options).RootElement.Clone(), options.ExpiresAt);
}
