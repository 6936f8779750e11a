using System.Net;
using System.Text.RegularExpressions;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Features;

/// <summary><c>GET /api/health</c>: 200 once storage answers, 503 (and no crash) when it does not.</summary>
[Collection(AppCollection.Name)]
public sealed partial class HealthFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task Health_is_ok_when_storage_answers()
    {
        var reply = await api.SendAsync(HttpMethod.Get, "/api/health");

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", reply.Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_app_whose_storage_is_unreachable_still_starts_and_answers_503()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var unreachable = LoopbackPort().Replace(azurite.ConnectionString, $"127.0.0.1:{StandaloneProcess.ClosedPort()}");
        using var app = await StandaloneProcess.StartAsync(new Dictionary<string, string?> { ["Storage__ConnectionString"] = unreachable });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [GeneratedRegex(@"127\.0\.0\.1:\d+")]
    private static partial Regex LoopbackPort();
}
