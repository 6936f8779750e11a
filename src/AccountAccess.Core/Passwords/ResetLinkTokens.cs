using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// Makes and reads link tokens <c>&lt;userId&gt;.&lt;linkId&gt;.&lt;secret&gt;</c>: the user id finds the account in one read, the
/// link id finds the link, and the 256-bit secret proves it. Only the secret's SHA-256 is stored (a random 256-bit value
/// needs no slow hash), and it is compared in constant time.
/// </summary>
public static class ResetLinkTokens
{
    public static (string Token, ResetLink Link) Issue(string userId, ResetLinkPurpose purpose, DateTimeOffset now, TimeSpan lifetime)
    {
        var linkId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var link = new ResetLink(linkId, HashOf(secret), purpose, now, now + lifetime);
        return ($"{userId}.{linkId}.{secret}", link);
    }

    public static bool TryParse(string token, [NotNullWhen(true)] out string? userId, [NotNullWhen(true)] out string? linkId, [NotNullWhen(true)] out string? secret)
    {
        userId = linkId = secret = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length is 0 or > 100))
        {
            return false;
        }

        (userId, linkId, secret) = (parts[0], parts[1], parts[2]);
        return true;
    }

    public static bool Proves(ResetLink link, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(link.SecretHash), Encoding.ASCII.GetBytes(HashOf(secret)));

    private static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
