namespace AccountAccess.Core.Passkeys;

/// <summary>
/// What a client gets to start a ceremony: the id to send back with the answer, and the options (JSON, binary fields
/// base64url) that <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> / <c>parseRequestOptionsFromJSON</c> take.
/// </summary>
public sealed record PasskeyOptions(string ChallengeId, string Options, DateTimeOffset ExpiresAt);
