using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// Stores recovery codes as HMAC-SHA256 under a server-side key derived from <c>TwoFactor:EncryptionKey</c> (HKDF, its own
/// purpose), bound to the user id. A code has about 50 bits: hashed with no secret (as before, keyed by the public user id)
/// a table dump alone would give them up to an offline search; with the key kept out of storage (Key Vault), it does not.
/// Hashes made the old way (no <see cref="Prefix"/>) still verify, so codes handed out before keep working until used.
/// </summary>
public sealed class RecoveryCodeHasher
{
    /// <summary>Marks a hash made with the server key. Defaults to <c>k1:</c>.</summary>
    public const string Prefix = "k1:";

    private readonly byte[] key;

    /// <param name="key">The key for recovery codes, derived for that purpose alone (<see cref="SecretProtector.DeriveKey"/>).</param>
    public RecoveryCodeHasher(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The recovery-code key must be at least 32 bytes.", nameof(key));
        }

        this.key = key;
    }

    public string Hash(string code, string userId) =>
        Prefix + Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId + "\n" + OneTimeCodes.Normalize(code))));

    /// <summary>Whether <paramref name="code"/> is the one <paramref name="storedHash"/> was made of, in constant time; an old-style hash too.</summary>
    public bool Matches(string storedHash, string code, string userId) =>
        storedHash.StartsWith(Prefix, StringComparison.Ordinal)
            ? CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(code, userId)))
            : OneTimeCodes.Matches(storedHash, code, userId);
}
