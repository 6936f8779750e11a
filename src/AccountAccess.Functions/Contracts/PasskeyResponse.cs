using AccountAccess.Core.Passkeys;

namespace AccountAccess.Functions.Contracts;

/// <summary>One passkey of the account: never its key or credential id, only what the person recognises it by.</summary>
/// <param name="Synced">Whether the passkey may be synced to the person's other devices (a password manager's, a platform's).</param>
public sealed record PasskeyResponse(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool Synced)
{
    public static PasskeyResponse From(Passkey passkey) => new(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt, passkey.BackupEligible);
}
