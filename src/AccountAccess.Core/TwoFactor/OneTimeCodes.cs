using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// Six-digit codes (SMS, voice, email) and recovery codes, and their stored form. A code is hashed with HMAC-SHA256
/// keyed by what it belongs to (the challenge, the user), so equal codes never share a hash; checks are constant-time.
/// A six-digit code lives ten minutes and five tries; recovery codes live long, so they are hashed under a server-side key
/// instead (<see cref="RecoveryCodeHasher"/>); this keyed-by-the-user form is the one their older hashes have.
/// </summary>
public static class OneTimeCodes
{
    private const string RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string NewSixDigits() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Ten characters in two groups (<c>k7qm2-x9t4p</c>), about 50 bits each.</summary>
    public static string NewRecoveryCode()
    {
        var raw = RandomNumberGenerator.GetString(RecoveryAlphabet, 10);
        return raw[..5] + "-" + raw[5..];
    }

    public static string Hash(string code, string scope) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(scope), Encoding.UTF8.GetBytes(Normalize(code))));

    public static bool Matches(string storedHash, string code, string scope) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(code, scope)));

    /// <summary>A code as typed, without spaces and in lower case: how it is hashed.</summary>
    internal static string Normalize(string code) => code.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
