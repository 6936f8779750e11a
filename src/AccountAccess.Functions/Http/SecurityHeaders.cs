namespace AccountAccess.Functions.Http;

/// <summary>
/// Headers every answer carries, under both hosts (OWASP REST Security Cheat Sheet, "Security headers"):
/// <c>X-Content-Type-Options: nosniff</c> (API.md); <c>Cache-Control: no-store</c>, which API.md requires of every answer
/// carrying a token, code or secret and which the cheat sheet recommends for every API answer — set on all of them, so no
/// route that starts carrying one can forget it; and a refusal to be framed.
/// </summary>
public static class SecurityHeaders
{
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
    }
}
