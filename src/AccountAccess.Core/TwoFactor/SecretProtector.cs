using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// Encrypts TOTP secrets at rest with AES-256-GCM (a random 96-bit nonce per secret, 128-bit tag). The key comes from
/// configuration (<c>TwoFactor:EncryptionKey</c>); the user id is bound as associated data, so a secret copied onto
/// another account does not decrypt.
/// </summary>
public sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The two-factor encryption key must be 32 bytes.", nameof(key));
        }

        this.key = key;
    }

    public string Protect(byte[] secret, string userId)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var sealedBytes = new byte[secret.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, secret, sealedBytes, tag, Encoding.UTF8.GetBytes(userId));
        return Convert.ToBase64String([.. nonce, .. tag, .. sealedBytes]);
    }

    /// <summary>
    /// A key for another <paramref name="purpose"/>, derived from this one with HKDF-SHA256 (RFC 5869): one configured secret,
    /// and a compromise of what one derived key protects tells nothing of the others.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: Encoding.UTF8.GetBytes("AccountAccess " + purpose));

    /// <exception cref="CryptographicException">Not sealed with this key for this user.</exception>
    public byte[] Unprotect(string protectedSecret, string userId)
    {
        var bytes = Convert.FromBase64String(protectedSecret);
        var secret = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), secret, Encoding.UTF8.GetBytes(userId));
        return secret;
    }
}
