using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.Devices;

/// <summary>
/// The opaque tokens of trusted devices: <c>dvt_</c> and 256 random bits in base64url. Stored only as SHA-256 (a
/// random 256-bit secret needs no slow hash), compared in constant time.
/// </summary>
public static class DeviceTokens
{
    private const string Prefix = "dvt_";

    /// <summary>The length of every token this service hands out; anything else is no token of ours.</summary>
    public const int Length = 47;

    public static (string Token, string Hash) New()
    {
        var token = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> has the shape of our tokens (cheap, before any storage read).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.StartsWith(Prefix, StringComparison.Ordinal) && Base64Url.IsValid(token.AsSpan(Prefix.Length));

    /// <summary>Constant-time comparison of two stored-form hashes.</summary>
    public static bool SameHash(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
}
