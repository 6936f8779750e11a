using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Credential stuffing from many IPs, one or two tries each, which neither the per-IP budget nor the lockout sees:
/// past <c>RateLimits:UntrustedFailedSignInsPerMinute</c> failed untrusted sign-ins, the service stops hashing the
/// guesses of IPs that keep failing (429 with <c>Retry-After</c>), while trusted devices, and people on IPs that have not
/// failed, still sign in. Runs its own app with a budget of 4 (the per-IP budget stays out of the way: 10,000).
/// </summary>
public sealed class CredentialStuffingTests(CredentialStuffingTests.StuffedApp fixture) : IClassFixture<CredentialStuffingTests.StuffedApp>
{
    private const string WrongPassword = "Wrong-Password-123";

    private readonly Api api = fixture.Api;

    /// <summary>Six IPs of <paramref name="network"/> guess twice each, wrong: over the budget of four, none past its own.</summary>
    private async Task<List<string>> SprayAsync(string network)
    {
        var sprayers = Enumerable.Range(1, 6).Select(i => $"{network}.{i}").ToList();
        foreach (var ip in sprayers)
        {
            await api.LoginAsync(Api.Unique("stuffed"), WrongPassword, forwardedFor: ip);
            await api.LoginAsync(Api.Unique("stuffed"), WrongPassword, forwardedFor: ip);
        }

        return sprayers;
    }

    [Fact]
    public async Task A_spray_from_many_ips_past_the_global_budget_no_longer_gets_its_guesses_checked()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 20 });
        var sprayers = await SprayAsync("203.0.113");

        var guess = await api.LoginAsync(user.Username, forwardedFor: sprayers[0]);

        guess.ShouldBeError(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(guess.Headers.TryGetValue("Retry-After", out var retryAfter), "no Retry-After header");
        Assert.InRange(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var shown = (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, shown.Json!["failedAttempts"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task During_a_spray_a_trusted_device_signs_in_even_from_a_spraying_ip()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var device = await api.TrustedDeviceAsync(user.Username, forwardedFor: "198.51.100.60");
        var sprayers = await SprayAsync("203.0.113.1");

        var trusted = await api.LoginAsync(user.Username, forwardedFor: sprayers[0], deviceToken: device);

        trusted.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task During_a_spray_a_person_on_an_ip_that_has_not_failed_still_signs_in()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await SprayAsync("203.0.113.2");

        var newcomer = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.61");

        newcomer.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>One app for the class: 4 failed untrusted sign-ins a minute service-wide; each test uses its own IPs.</summary>
    public sealed class StuffedApp : IAsyncLifetime
    {
        private RunningApp app = null!;

        public Api Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            app = await RunningApp.StartAsync(new Dictionary<string, string?> { ["RateLimits__UntrustedFailedSignInsPerMinute"] = "4" });
            Api = new Api(app.CreateClient());
        }

        public async Task DisposeAsync() => await app.DisposeAsync();
    }
}
