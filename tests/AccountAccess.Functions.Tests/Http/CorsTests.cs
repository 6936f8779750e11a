using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// API.md "Conventions": browser front ends call the API across origins. The origins of <c>Cors:AllowedOrigins</c> get
/// CORS answers, preflight included; any other origin gets none. (In Azure the Function App's CORS setting answers.)
/// </summary>
public sealed class CorsTests(CorsTests.CorsApp app) : IClassFixture<CorsTests.CorsApp>
{
    private const string Allowed = "https://studio.example.com";
    private const string AlsoAllowed = "https://admin.example.com";

    [Theory]
    [InlineData(Allowed)]
    [InlineData(AlsoAllowed)]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_that_origin_and_the_method(string origin)
    {
        var reply = await app.Api.SendAsync(Preflight(origin, "/api/auth/login"));

        Assert.True(reply.Status is HttpStatusCode.NoContent or HttpStatusCode.OK, $"preflight answered {reply.Status}");
        Assert.Equal(origin, reply.Headers.GetValueOrDefault("Access-Control-Allow-Origin"));
        Assert.Contains("POST", reply.Headers.GetValueOrDefault("Access-Control-Allow-Methods") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("content-type", (reply.Headers.GetValueOrDefault("Access-Control-Allow-Headers") ?? string.Empty).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_cors_answer()
    {
        var reply = await app.Api.SendAsync(Preflight("https://evil.example.net", "/api/auth/login"));

        Assert.False(reply.Headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.False(reply.Headers.ContainsKey("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task A_request_from_an_allowed_origin_is_answered_with_that_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", Allowed);

        var reply = await app.Api.SendAsync(request);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Allowed, reply.Headers.GetValueOrDefault("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_request_from_another_origin_is_served_without_cors_headers()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", "https://evil.example.net");

        var reply = await app.Api.SendAsync(request);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.False(reply.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    /// <summary>An app whose <c>Cors:AllowedOrigins</c> lists two origins (comma-separated, with a space).</summary>
    public sealed class CorsApp : IAsyncLifetime
    {
        private RunningApp running = null!;

        public Api Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            running = await RunningApp.StartAsync(new Dictionary<string, string?> { ["Cors__AllowedOrigins"] = $"{Allowed}, {AlsoAllowed}" });
            Api = new Api(running.CreateClient());
        }

        public async Task DisposeAsync()
        {
            Api.Http.Dispose();
            await running.DisposeAsync();
        }
    }
}
