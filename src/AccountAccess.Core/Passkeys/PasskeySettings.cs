using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// The WebAuthn relying party (configuration <c>Passkeys:*</c>, defaults from <c>Links:PublicBaseUrl</c>), bound and checked
/// at start-up by the app: a value that browsers would refuse stops it, naming the key.
/// </summary>
public sealed record PasskeySettings
{
    /// <summary>The most passkeys one account may hold (API.md). 20: a person's devices and keys, with room to spare.</summary>
    public const int MaxPerAccount = 20;

    /// <summary>
    /// The relying party id: the host the pages are served from, or a registrable domain above it (every origin's host is
    /// it or ends with "." and it). Every passkey is bound to it for ever: changing it later leaves every registered passkey
    /// unusable. Defaults to the host of <c>Links:PublicBaseUrl</c>.
    /// </summary>
    public string? RelyingPartyId { get; init; }

    /// <summary>
    /// The origins (scheme, host and port) of the pages allowed to run the ceremonies, comma-separated: a response signed
    /// for any other origin is refused (<c>wrong_origin</c>). Defaults to the origin of <c>Links:PublicBaseUrl</c>.
    /// </summary>
    public string? Origins { get; init; }

    /// <summary>The name authenticators show beside the account. Defaults to "AccountAccess".</summary>
    public string RelyingPartyName { get; init; } = "AccountAccess";

    /// <summary>
    /// How long the options of a registration or a sign-in may be answered (and the browser's timeout). Defaults to five
    /// minutes, WebAuthn's recommended ceremony timeout (Level 3, 5.4 and 15.1).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Passkeys:CeremonyLifetime must be between 00:00:01 and 00:30:00.")]
    public TimeSpan CeremonyLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The relying party id in effect: <see cref="RelyingPartyId"/>, else the host of <paramref name="publicBaseUrl"/>.</summary>
    public string RelyingPartyIdFor(string publicBaseUrl) =>
        string.IsNullOrWhiteSpace(RelyingPartyId)
            ? (Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : string.Empty)
            : RelyingPartyId.Trim().ToLowerInvariant();

    /// <summary>The origins in effect, each as a browser writes it (<c>https://host[:port]</c>, no default port, no path).</summary>
    public IReadOnlyList<string> OriginsFor(string publicBaseUrl) =>
        (string.IsNullOrWhiteSpace(Origins) ? [publicBaseUrl] : Origins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) ? OriginOf(uri) : o)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>What a browser would refuse, naming the key: empty when the relying party is usable.</summary>
    public IEnumerable<string> Problems(string publicBaseUrl)
    {
        var id = RelyingPartyIdFor(publicBaseUrl);
        if (id.Length == 0 || id.Contains("://", StringComparison.Ordinal) || id.Contains(':', StringComparison.Ordinal) || id.Contains('/', StringComparison.Ordinal))
        {
            yield return $"Passkeys:RelyingPartyId must be a host name such as accounts.example.com (was '{id}').";
            yield break;
        }

        if (IPAddress.TryParse(id, out _))
        {
            yield return $"Passkeys:RelyingPartyId must be a domain, not an IP address (was '{id}'): browsers refuse IP addresses.";
            yield break;
        }

        foreach (var origin in (string.IsNullOrWhiteSpace(Origins) ? [publicBaseUrl] : Origins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                yield return $"Passkeys:Origins must list origins such as https://accounts.example.com (was '{origin}').";
            }
            else if (uri.Scheme == "http" && !uri.IsLoopback)
            {
                yield return $"Passkeys:Origins must be https outside localhost: browsers offer passkeys only to secure pages (was '{origin}').";
            }
            else if (uri.IdnHost != id && !uri.IdnHost.EndsWith("." + id, StringComparison.Ordinal))
            {
                yield return $"Passkeys:RelyingPartyId '{id}' must be the host of every origin or a domain above it ('{origin}' is not under it).";
            }
        }
    }

    private static string OriginOf(Uri uri) => uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
}
