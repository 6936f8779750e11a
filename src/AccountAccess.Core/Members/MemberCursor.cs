using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AccountAccess.Core.Members;

/// <summary>
/// The continuation token of a member search: where the next page starts in the index, bound to the search it continues
/// (organization and filters), so a token cannot be replayed against another search. Opaque to callers (base64url).
/// </summary>
public static class MemberCursor
{
    public static string Write(string position, string organizationId, MemberQuery query) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Token(position, Fingerprint(organizationId, query))));

    /// <summary>The position <paramref name="token"/> holds, or null when it is not a token of this search.</summary>
    public static string? Read(string token, string organizationId, MemberQuery query)
    {
        try
        {
            var decoded = JsonSerializer.Deserialize<Token>(Base64Url.DecodeFromChars(token));
            return decoded is { P: { Length: > 0 } position, F: var fingerprint } && fingerprint == Fingerprint(organizationId, query) ? position : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Fingerprint(string organizationId, MemberQuery query)
    {
        var search = string.Join('\n', organizationId, query.Prefix, query.Status, query.Role, query.UnitId);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(search)), 0, 8);
    }

    private sealed record Token(string P, string F);
}
