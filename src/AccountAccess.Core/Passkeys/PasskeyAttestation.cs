using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// A registration's answer, read from the RegistrationResponseJSON of <c>navigator.credentials.create</c>
/// (<c>PublicKeyCredential.toJSON()</c>, WebAuthn Level 3 5.1): binary fields base64url-decoded, nothing verified yet.
/// </summary>
public sealed record PasskeyAttestation(byte[] CredentialId, byte[] ClientDataJson, byte[] AttestationObject, IReadOnlyList<string> Transports)
{
    /// <summary>The answer, or <c>invalid_request</c> naming what is missing or unreadable (the ceremony is left as it was).</summary>
    public static Result<PasskeyAttestation> Parse(string credentialJson) =>
        PasskeyJson.Read(credentialJson, (root, response) => new PasskeyAttestation(
            PasskeyJson.CredentialId(root),
            PasskeyJson.Binary(response, "clientDataJSON"),
            PasskeyJson.Binary(response, "attestationObject"),
            PasskeyJson.Transports(response)));
}
