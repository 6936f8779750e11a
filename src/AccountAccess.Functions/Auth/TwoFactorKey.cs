using System.Security.Cryptography;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// The AES-256 key that encrypts TOTP secrets at rest (<c>TwoFactor:EncryptionKey</c>, base64 of 32 bytes). Required in
/// Production; elsewhere a random key is used when none is set (secrets enrolled then do not survive a restart).
/// </summary>
public static class TwoFactorKey
{
    public static byte[] From(string? configured, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return environment.IsProduction()
                ? throw new InvalidOperationException("TwoFactor:EncryptionKey is required in Production: base64 of 32 random bytes.")
                : RandomNumberGenerator.GetBytes(32);
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(configured);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("TwoFactor:EncryptionKey must be base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException("TwoFactor:EncryptionKey must hold exactly 32 bytes.");
    }
}
