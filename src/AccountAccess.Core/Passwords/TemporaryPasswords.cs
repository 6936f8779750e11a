using System.Security.Cryptography;

namespace AccountAccess.Core.Passwords;

/// <summary>Random temporary passwords, from an alphabet without look-alike characters (no 0/O, 1/l/I) so they can be read out.</summary>
public static class TemporaryPasswords
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-";

    /// <summary>At least 16 characters (about 94 bits), longer if the policy asks for more.</summary>
    public static string New(int minLength) =>
        RandomNumberGenerator.GetString(Alphabet, Math.Max(16, minLength));
}
