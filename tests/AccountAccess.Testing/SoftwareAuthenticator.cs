using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountAccess.Testing;

/// <summary>
/// A passkey authenticator and the browser around it, in software, for tests that speak WebAuthn without a browser: it
/// answers the options of a registration (<c>navigator.credentials.create</c>) and of a sign-in (<c>.get</c>) with the JSON
/// a browser's <c>PublicKeyCredential.toJSON()</c> gives — an ES256 (P-256) key, <c>none</c> attestation written in CBOR,
/// client data naming <see cref="Origin"/>, the relying party id's hash, flags and a signature counter in the authenticator
/// data (WebAuthn Level 3, 6.1 and 8.7). Each property is what an attack changes: the origin of a phishing page, another
/// relying party id, a counter a clone reports, a key that is not the credential's.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public SoftwareAuthenticator(string origin, int credentialIdLength = 32)
    {
        Origin = origin;
        CredentialId = RandomNumberGenerator.GetBytes(credentialIdLength);
    }

    /// <summary>The origin the browser writes into the client data: the page's (a phishing page's is its own).</summary>
    public string Origin { get; set; }

    /// <summary>The relying party id the authenticator signs for; null: the one the options name.</summary>
    public string? RelyingPartyId { get; set; }

    public byte[] CredentialId { get; }

    /// <summary>The signature counter: each assertion adds one first, then reports it (a synced passkey keeps 0).</summary>
    public uint Counter { get; set; }

    /// <summary>Whether the counter moves; false: every assertion reports <see cref="Counter"/> as it is (a synced passkey, 0).</summary>
    public bool Counts { get; set; } = true;

    public bool UserPresent { get; set; } = true;

    public bool UserVerified { get; set; } = true;

    /// <summary>Whether a sign-in's answer carries the user handle (discoverable credentials do).</summary>
    public bool SendsUserHandle { get; set; } = true;

    /// <summary>The user handle of the registration; an attack may claim another.</summary>
    public byte[]? UserHandle { get; set; }

    /// <summary>The COSE key (RFC 9052 EC2, P-256, ES256) of the credential.</summary>
    public byte[] CosePublicKey
    {
        get
        {
            var point = key.ExportParameters(false).Q;
            var cbor = new CborWriter(CborConformanceMode.Ctap2Canonical);
            cbor.WriteStartMap(5);
            cbor.WriteInt32(1);
            cbor.WriteInt32(2); // kty: EC2
            cbor.WriteInt32(3);
            cbor.WriteInt32(-7); // alg: ES256
            cbor.WriteInt32(-1);
            cbor.WriteInt32(1); // crv: P-256
            cbor.WriteInt32(-2);
            cbor.WriteByteString(point.X!);
            cbor.WriteInt32(-3);
            cbor.WriteByteString(point.Y!);
            cbor.WriteEndMap();
            return cbor.Encode();
        }
    }

    /// <summary>A copy holding the same private key and credential id, with a counter of its own: a cloned authenticator.</summary>
    public SoftwareAuthenticator Clone()
    {
        var clone = new SoftwareAuthenticator(Origin, CredentialId.Length) { RelyingPartyId = RelyingPartyId, Counter = Counter, UserHandle = UserHandle };
        clone.key.ImportParameters(key.ExportParameters(true));
        CredentialId.CopyTo(clone.CredentialId, 0);
        return clone;
    }

    /// <summary>The RegistrationResponseJSON for the PublicKeyCredentialCreationOptions <paramref name="options"/>.</summary>
    public JsonObject Register(JsonNode options, string? challenge = null)
    {
        UserHandle ??= Base64Url.DecodeFromChars(options["user"]!["id"]!.GetValue<string>());
        var rpId = RelyingPartyId ?? options["rp"]!["id"]!.GetValue<string>();
        var clientData = ClientData("webauthn.create", challenge ?? options["challenge"]!.GetValue<string>());
        var credentialData = new List<byte>();
        credentialData.AddRange(new byte[16]); // AAGUID: none said
        credentialData.AddRange([(byte)(CredentialId.Length >> 8), (byte)CredentialId.Length]);
        credentialData.AddRange(CredentialId);
        credentialData.AddRange(CosePublicKey);
        var authenticatorData = AuthenticatorData(rpId, attestedCredentialData: [.. credentialData]);

        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authenticatorData);
        attestation.WriteEndMap();

        return new JsonObject
        {
            ["id"] = Base64Url.EncodeToString(CredentialId),
            ["rawId"] = Base64Url.EncodeToString(CredentialId),
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["attestationObject"] = Base64Url.EncodeToString(attestation.Encode()),
                ["transports"] = new JsonArray("internal", "hybrid"),
            },
            ["clientExtensionResults"] = new JsonObject { ["credProps"] = new JsonObject { ["rk"] = true } },
        };
    }

    /// <summary>The AuthenticationResponseJSON for the PublicKeyCredentialRequestOptions <paramref name="options"/>.</summary>
    public JsonObject Assert(JsonNode options, string? challenge = null, ECDsa? signWith = null)
    {
        if (Counts)
        {
            Counter++;
        }

        var rpId = RelyingPartyId ?? options["rpId"]!.GetValue<string>();
        var clientData = ClientData("webauthn.get", challenge ?? options["challenge"]!.GetValue<string>());
        var authenticatorData = AuthenticatorData(rpId, attestedCredentialData: null);
        var signature = (signWith ?? key).SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var response = new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
            ["signature"] = Base64Url.EncodeToString(signature),
        };
        if (SendsUserHandle && UserHandle is not null)
        {
            response["userHandle"] = Base64Url.EncodeToString(UserHandle);
        }

        return new JsonObject
        {
            ["id"] = Base64Url.EncodeToString(CredentialId),
            ["rawId"] = Base64Url.EncodeToString(CredentialId),
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["response"] = response,
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    public void Dispose() => key.Dispose();

    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin = Origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, byte[]? attestedCredentialData)
    {
        // Flags (WebAuthn 6.1): UP 0x01, UV 0x04, BE 0x08, BS 0x10, AT 0x40.
        var flags = (byte)((UserPresent ? 0x01 : 0) | (UserVerified ? 0x04 : 0) | (attestedCredentialData is null ? 0 : 0x40));
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, Counter);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counter, .. attestedCredentialData ?? []];
    }
}
