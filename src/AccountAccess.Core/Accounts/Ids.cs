using System.Security.Cryptography;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// Identifiers that say what they name (<c>usr_…</c>, <c>org_…</c>, <c>unit_…</c>) so a support engineer reading a log
/// knows what they are looking at. 80 random bits, base32, safe in table keys and URLs.
/// </summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewUserId() => New("usr");

    public static string NewOrganizationId() => New("org");

    public static string NewUnitId() => New("unit");

    /// <summary>A trusted device of an account (support sees it on the trail; the device's token is another secret).</summary>
    public static string NewDeviceId() => New("dev");

    public static string NewEventId() => New("evt");

    /// <summary>A passkey's id in our routes and lists (its WebAuthn credential id is long, binary, and the authenticator's).</summary>
    public static string NewPasskeyId() => New("pk");

    /// <summary>A request, or one attempt of it (a welcome kit's claim), so a redelivery can be told from a new request.</summary>
    public static string NewRequestId() => New("req");

    private static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(prefix.Length + 1 + 16, (prefix, bytes.ToArray()), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            span[state.prefix.Length] = '_';
            for (var i = 0; i < 16; i++)
            {
                span[state.prefix.Length + 1 + i] = Alphabet[state.Item2[i] & 31];
            }
        });
    }
}
