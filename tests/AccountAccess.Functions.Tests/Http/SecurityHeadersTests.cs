using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// API.md "Conventions": every answer has <c>X-Content-Type-Options: nosniff</c>, and every answer carrying a token, code
/// or secret has <c>Cache-Control: no-store</c> — the app sends it on every answer (OWASP REST cheat sheet), errors and
/// the host's own 404 and 405 included.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_successful_sign_in_carrying_an_access_token_is_no_store_and_nosniff()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.SendAsync(HttpMethod.Post, "/api/auth/login", new { login = user.Username, password = Api.Password, portal = "employee" });

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.NotNull(reply.Json!["accessToken"]);
        ShouldCarryTheSecurityHeaders(reply);
    }

    [Fact]
    public async Task A_temporary_password_is_no_store_and_nosniff()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/temporary-password", asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        ShouldCarryTheSecurityHeaders(reply);
    }

    public static TheoryData<string, string, string?, bool, HttpStatusCode> Answers() => new()
    {
        { "GET", "/api/health", null, false, HttpStatusCode.OK },
        { "POST", "/api/organizations", """{"name":"headers org"}""", true, HttpStatusCode.Created },
        { "POST", "/api/organizations", """{"name":"headers org"}""", false, HttpStatusCode.Unauthorized },
        { "POST", "/api/organizations", """{"name":12}""", true, HttpStatusCode.BadRequest },
        { "POST", "/api/auth/login", """{"login":"nobody-here","password":"Wrong-Password-123","portal":"employee"}""", false, HttpStatusCode.Unauthorized },
        { "GET", "/api/nothing-here", null, true, HttpStatusCode.NotFound },
        { "DELETE", "/api/organizations", null, true, HttpStatusCode.MethodNotAllowed },
        { "GET", "/api/openapi.json", null, false, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_kind_of_answer_carries_the_security_headers(string method, string path, string? body, bool asOperator, HttpStatusCode expected)
    {
        var reply = await api.SendAsync(new HttpMethod(method), path, body, asOperator: asOperator);

        reply.ShouldBe(expected);
        ShouldCarryTheSecurityHeaders(reply);
    }

    [Fact]
    public async Task An_answer_to_a_request_that_came_over_https_tells_browsers_to_use_https_only()
    {
        // In Azure, TLS ends at the front end, which tells the app the request came over HTTPS (X-Forwarded-Proto).
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var reply = await api.SendAsync(request);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("max-age=31536000; includeSubDomains", reply.Headers.GetValueOrDefault("Strict-Transport-Security"));
    }

    [Fact]
    public async Task An_answer_over_plain_http_carries_no_strict_transport_security()
    {
        // RFC 6797 7.2: an HSTS host must not send the header over a non-secure transport.
        var reply = await api.SendAsync(HttpMethod.Get, "/api/health");

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.False(reply.Headers.ContainsKey("Strict-Transport-Security"));
    }

    private static void ShouldCarryTheSecurityHeaders(Reply reply)
    {
        Assert.Equal("nosniff", reply.Headers.GetValueOrDefault("X-Content-Type-Options"));
        Assert.Equal("no-store", reply.Headers.GetValueOrDefault("Cache-Control"));
    }
}
