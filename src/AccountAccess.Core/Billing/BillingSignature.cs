using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.Billing;

/// <summary>
/// The webhook signature of API.md: <c>X-Billing-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>,
/// the scheme Stripe uses. The timestamp is signed with the body, so a captured request cannot be replayed outside
/// the tolerance; within it, the event id makes a replay harmless. Several <c>v1</c> values are allowed (a sender
/// rotating its secret signs with both).
/// </summary>
public static class BillingSignature
{
    /// <summary>How far <c>t</c> may be from our clock. Defaults to 5 minutes (API.md).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time close enough to <paramref name="now"/>.</summary>
    public static SignatureCheck Check(string? header, ReadOnlySpan<byte> body, string? secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return SignatureCheck.NoSecretConfigured;
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return SignatureCheck.Malformed;
            }

            var (key, value) = (part[..equals], part[(equals + 1)..]);
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1")
            {
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    return SignatureCheck.Malformed;
                }
            }
        }

        if (timestamp is null || signatures.Count == 0
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.Malformed;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return SignatureCheck.OutsideTolerance;
        }

        var expected = Compute(secret, timestamp, body);
        // FixedTimeEquals: the time taken says nothing about how many leading bytes matched.
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header a sender would send: for tests, the benchmark and documentation examples.</summary>
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexString(Compute(secret, timestamp, body)).ToLowerInvariant()}";
    }

    private static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
