using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// A sign-in's answer, read from the AuthenticationResponseJSON of <c>navigator.credentials.get</c> (WebAuthn Level 3 5.1):
/// binary fields base64url-decoded, nothing verified yet. <see cref="UserHandle"/> is there for discoverable credentials.
/// </summary>
public sealed record PasskeyAssertion(byte[] CredentialId, byte[] ClientDataJson, byte[] AuthenticatorData, byte[] Signature, byte[]? UserHandle)
{
    /// <summary>The answer, or <c>invalid_request</c> naming what is missing or unreadable (the ceremony is left as it was).</summary>
    public static Result<PasskeyAssertion> Parse(string credentialJson) =>
        PasskeyJson.Read(credentialJson, (root, response) => new PasskeyAssertion(
            PasskeyJson.CredentialId(root),
            PasskeyJson.Binary(response, "clientDataJSON"),
            PasskeyJson.Binary(response, "authenticatorData"),
            PasskeyJson.Binary(response, "signature"),
            PasskeyJson.OptionalBinary(response, "userHandle")));

    /// <summary>The account the authenticator says the credential belongs to: the user handle is the account id's UTF-8 bytes.</summary>
    public string? UserIdFromHandle()
    {
        if (UserHandle is not { Length: > 0 and <= 64 } handle)
        {
            return null;
        }

        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(handle);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
