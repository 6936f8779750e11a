namespace AccountAccess.Core.Passkeys;

/// <summary>
/// A passkey of an account: a WebAuthn public-key credential whose private key never leaves the person's authenticator
/// (a phone, a computer, a security key, a password manager). We keep what verifying its signatures needs — the credential
/// id, the COSE public key, the signature counter — and what the person and support read: a name and when it was added and
/// last used. Nothing here is a secret: a passkey proves possession of a private key we never see.
/// </summary>
public sealed record Passkey
{
    /// <summary>Our id for the passkey (<c>pk_…</c>): what the routes and lists name.</summary>
    public required string Id { get; init; }

    /// <summary>The name the person gave it ("Work laptop"), or one we gave it.</summary>
    public required string Name { get; init; }

    /// <summary>The authenticator's credential id (at most 1,023 bytes, WebAuthn 5.1).</summary>
    public required byte[] CredentialId { get; init; }

    /// <summary>The credential's public key as a COSE_Key (RFC 9052), as the authenticator gave it at registration.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>
    /// The last signature counter seen. An authenticator that counts never goes back: a value at or below this one means a
    /// cloned authenticator (WebAuthn 6.1.1). Synced passkeys always send 0, and 0 is then never a step back.
    /// </summary>
    public uint SignCount { get; init; }

    /// <summary>How the authenticator said it can be reached (<c>internal</c>, <c>hybrid</c>, <c>usb</c>…): hints for the browser.</summary>
    public IReadOnlyList<string> Transports { get; init; } = [];

    /// <summary>The user handle the credential was created with (the account id's UTF-8 bytes: no personal data).</summary>
    public required byte[] UserHandle { get; init; }

    /// <summary>The authenticator model (AAGUID), all zeros when it does not say.</summary>
    public Guid AaGuid { get; init; }

    /// <summary>Whether the credential may be synced to other devices (a passkey of a password manager or platform).</summary>
    public bool BackupEligible { get; init; }

    /// <summary>Whether it is synced now, as of its last use.</summary>
    public bool BackedUp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Whether <paramref name="credentialId"/> is this passkey's credential id.</summary>
    public bool Holds(ReadOnlySpan<byte> credentialId) => credentialId.SequenceEqual(CredentialId);
}
