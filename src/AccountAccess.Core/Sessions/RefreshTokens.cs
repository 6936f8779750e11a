using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// Makes and reads refresh tokens <c>&lt;userId&gt;.&lt;sessionId&gt;.&lt;secret&gt;</c>, like reset links: the ids find the session in
/// one partition, the 256-bit secret proves it. Only SHA-256 hashes are stored, compared in constant time. The successor
/// a refresh hands out is kept sealed (AES-256-GCM) under a key derived from the token it replaced, so only whoever
/// presents that token again, within the reuse interval, can be given the same successor: storage holds nothing that
/// opens it.
/// </summary>
public static class RefreshTokens
{
    private const int SecretBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Format(string userId, string sessionId, string secret) => $"{userId}.{sessionId}.{secret}";

    public static bool TryParse(string token, [NotNullWhen(true)] out string? userId, [NotNullWhen(true)] out string? sessionId, [NotNullWhen(true)] out string? secret)
    {
        userId = sessionId = secret = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length is 0 or > 100))
        {
            return false;
        }

        (userId, sessionId, secret) = (parts[0], parts[1], parts[2]);
        return true;
    }

    public static string Hash(string secret) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A retired token's hash, shortened to 128 bits: enough to recognise it, small enough to keep fifty.</summary>
    public static string ShortHash(string hash) => hash[..22];

    public static bool Matches(string? storedHash, string secret) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(secret)));

    public static bool IsRetired(Session session, string secret)
    {
        var shortened = Encoding.ASCII.GetBytes(ShortHash(Hash(secret)));
        var found = false;
        foreach (var retired in session.RetiredRefreshTokenHashes)
        {
            // Every entry is compared, so the time taken says nothing about where (or whether) it matched.
            found |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(retired), shortened);
        }

        return found;
    }

    /// <summary>Encrypts <paramref name="successor"/> under a key derived from <paramref name="replaced"/>, bound to the session.</summary>
    public static string Seal(string successor, string replaced, string sessionId)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var plain = Encoding.UTF8.GetBytes(successor);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        nonce.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(KeyFrom(replaced), TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(sessionId));
        return Base64Url(sealedBytes);
    }

    /// <summary>The successor sealed under <paramref name="replaced"/>, or null when it does not open with it.</summary>
    public static string? Unseal(string sealedSuccessor, string replaced, string sessionId)
    {
        var bytes = FromBase64Url(sealedSuccessor);
        if (bytes is null || bytes.Length <= NonceBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(KeyFrom(replaced), TagBytes);
        try
        {
            aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, plain.Length), bytes.AsSpan(NonceBytes + plain.Length), plain, Encoding.UTF8.GetBytes(sessionId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }

    // A key only the replaced token's holder can derive; its SHA-256 alone (what storage keeps) does not give it.
    private static byte[] KeyFrom(string replaced) => HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(replaced), 32, info: "refresh-token-successor"u8.ToArray());

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
