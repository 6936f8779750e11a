using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// <c>RateLimits:FailedSignInsPerIpPerMinute</c>: once an IP has failed that many sign-ins in a minute — unknown logins
/// and wrong passwords alike, so the budget says nothing about which accounts exist — its sign-ins are refused (429
/// with <c>Retry-After</c>) before any hash is computed; successes cost nothing and other IPs are untouched. Runs its own
/// app with a budget of 3 failures.
/// </summary>
public sealed class FailedSignInLimitTests(FailedSignInLimitTests.FailureLimitedApp fixture) : IClassFixture<FailedSignInLimitTests.FailureLimitedApp>
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task After_three_failures_from_one_ip_even_the_right_password_is_too_many_and_says_when_to_retry()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.71");
        await api.LoginAsync(user.Username, "Wrong-Password-123", forwardedFor: "198.51.100.71");
        await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.71");

        var refused = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.71");

        refused.ShouldBeError(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(refused.Headers.TryGetValue("Retry-After", out var retryAfter), "no Retry-After header");
        Assert.InRange(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        (await api.LoginAsync(user.Username, forwardedFor: "198.51.100.72")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Successful_sign_ins_do_not_count()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        for (var i = 0; i < 6; i++)
        {
            (await api.LoginAsync(user.Username, forwardedFor: "198.51.100.73")).ShouldBe(HttpStatusCode.OK);
        }

        await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.73");
        (await api.LoginAsync(user.Username, forwardedFor: "198.51.100.73")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_logins_and_wrong_passwords_count_alike()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        for (var i = 0; i < 3; i++)
        {
            (await api.LoginAsync(user.Username, "Wrong-Password-123", forwardedFor: "198.51.100.74")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
            (await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.75")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var known = await api.LoginAsync(user.Username, "Wrong-Password-123", forwardedFor: "198.51.100.74");
        var unknown = await api.LoginAsync(Api.Unique("nobody"), forwardedFor: "198.51.100.75");

        Assert.Equal(known.Body, unknown.Body);
        known.ShouldBeError(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task One_person_typing_wrong_passwords_behind_an_office_ip_does_not_shut_out_a_colleague_on_a_trusted_device()
    {
        const string office = "198.51.100.80";
        var (_, _, colleague) = await api.CreateStaffAsync();
        var colleagueDevice = await api.TrustedDeviceAsync(colleague.Username, forwardedFor: office);
        for (var i = 0; i < 4; i++)
        {
            await api.LoginAsync(Api.Unique("nobody"), "Wrong-Password-123", forwardedFor: office);
        }

        var colleagueAgain = await api.LoginAsync(colleague.Username, forwardedFor: office, deviceToken: colleagueDevice);

        colleagueAgain.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_step_up_passwords_of_a_signed_in_client_use_up_its_ips_budget_like_failed_sign_ins()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(user.Username, "employee");
        for (var i = 0; i < 3; i++)
        {
            (await api.SendAsync(HttpMethod.Delete, "/api/account/2fa", new { password = "Wrong-Password-123" }, bearer: token, forwardedFor: "198.51.100.76"))
                .ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var refused = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.76");

        refused.ShouldBeError(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    /// <summary>One app with a budget of 3 failed sign-ins per IP per minute for the class; each test uses its own IPs.</summary>
    public sealed class FailureLimitedApp : IAsyncLifetime
    {
        private RunningApp app = null!;

        public Api Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            app = await RunningApp.StartAsync(new Dictionary<string, string?> { ["RateLimits__FailedSignInsPerIpPerMinute"] = "3" });
            Api = new Api(app.CreateClient());
        }

        public async Task DisposeAsync() => await app.DisposeAsync();
    }
}
