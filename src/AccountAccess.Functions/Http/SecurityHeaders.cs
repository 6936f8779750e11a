namespace AccountAccess.Functions.Http;

/// <summary>
/// Headers every answer carries, under both hosts (OWASP REST Security Cheat Sheet, "Security headers"):
/// <c>X-Content-Type-Options: nosniff</c> (API.md); <c>Cache-Control: no-store</c>, which API.md requires of every answer
/// carrying a token, code or secret and which the cheat sheet recommends for every API answer — set on all of them, so no
/// route that starts carrying one can forget it; a refusal to be framed; and, on an answer to a request that came over
/// HTTPS, <c>Strict-Transport-Security</c>, so a browser never sends a token to this host in the clear again (ASVS 9.1.1).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>One year, and the host's subdomains; not preloaded (that is the domain owner's decision). RFC 6797.</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        if (CameOverHttps(response.HttpContext.Request))
        {
            // RFC 6797 7.2: never over plain HTTP, where it means nothing and could be forged.
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }

    /// <summary>
    /// Whether the client's connection was HTTPS: this one, or — in Azure, where TLS ends at the platform's front end and
    /// the request reaches the app over the internal network — the one the front end says it received (X-Forwarded-Proto,
    /// X-ARR-SSL). Believing a client that forges them only sends it a header browsers ignore over plain HTTP.
    /// </summary>
    public static bool CameOverHttps(HttpRequest request) =>
        request.IsHttps
        || request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim().Equals("https", StringComparison.OrdinalIgnoreCase)
        || request.Headers.ContainsKey("X-ARR-SSL");
}
