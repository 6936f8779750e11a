using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// <c>RateLimits:SignInPerIpPerMinute</c>: sign-in is throttled per source IP (429 <c>too_many_requests</c> with
/// <c>Retry-After</c>), other IPs and provisioning are not. Runs its own app with a limit of 5.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.RateLimitedApp fixture) : IClassFixture<RateLimitTests.RateLimitedApp>
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task The_sixth_sign_in_from_one_ip_within_a_minute_is_too_many_and_says_when_to_retry()
    {
        for (var i = 0; i < 5; i++)
        {
            (await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.61")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var sixth = await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.61");

        sixth.ShouldBeError(HttpStatusCode.TooManyRequests, "too_many_requests").ShouldBeClientErrorEnvelope();
        Assert.True(sixth.Headers.TryGetValue("Retry-After", out var retryAfter), "no Retry-After header");
        Assert.InRange(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Another_ip_is_not_affected_by_one_that_reached_the_limit()
    {
        for (var i = 0; i < 6; i++)
        {
            await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.62");
        }

        var other = await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.63");

        other.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Provisioning_routes_are_not_rate_limited()
    {
        for (var i = 0; i < 6; i++)
        {
            await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.64");
        }

        var organizationId = await api.CreateOrganizationAsync();
        for (var i = 0; i < 8; i++)
        {
            (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/units", new { name = $"unit {i}" }, asOperator: true, forwardedFor: "198.51.100.64"))
                .ShouldBe(HttpStatusCode.Created);
        }

        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true, forwardedFor: "198.51.100.64")).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>One app with a limit of 5 sign-ins per IP per minute for the class; each test uses its own IPs.</summary>
    public sealed class RateLimitedApp : IAsyncLifetime
    {
        private RunningApp app = null!;

        public Api Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            app = await RunningApp.StartAsync(new Dictionary<string, string?> { ["RateLimits__SignInPerIpPerMinute"] = "5" });
            Api = new Api(app.CreateClient());
        }

        public async Task DisposeAsync() => await app.DisposeAsync();
    }
}
