namespace AccountAccess.Core.Passkeys;

/// <summary>A credential whose registration verified: what becomes a <see cref="Passkey"/> once named and saved.</summary>
public sealed record NewCredential(
    byte[] CredentialId, byte[] PublicKey, uint SignCount, IReadOnlyList<string> Transports, byte[] UserHandle, Guid AaGuid, bool BackupEligible, bool BackedUp);
