using System.Diagnostics;
using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Idle time and maximum age over HTTP, on an app whose sessions go idle after 3 seconds and end after 8 in any case
/// (<c>Sessions:IdleOverride</c>, <c>Sessions:MaxAgeOverride</c>): the real clock, shrunk by configuration. Core's
/// <c>SessionRefreshTests</c> tell the same on a fake clock, to the second.
/// </summary>
public sealed class SessionLifetimeTests(SessionLifetimeTests.ShortSessionsApp fixture) : IClassFixture<SessionLifetimeTests.ShortSessionsApp>
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(8);

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_session_left_idle_ends_and_its_access_token_with_it()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);

        // The access token ends with the session's idle time: it is refused as soon as the session is over.
        await Eventually.TrueAsync(async () => (await api.SessionsAsync(signedIn.Text("accessToken"))).Status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30));

        var refused = await api.RefreshAsync(signedIn.Text("refreshToken"));
        refused.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal("expired", refused.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refreshes_keep_a_session_past_its_idle_time_but_not_past_its_maximum_age()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var started = Stopwatch.StartNew();
        var refreshToken = (await api.SignInAsync(user.Username)).Text("refreshToken");
        var lastSuccess = TimeSpan.Zero;
        Reply? refused = null;

        await Eventually.TrueAsync(async () =>
        {
            var reply = await api.RefreshAsync(refreshToken);
            if (reply.Status == HttpStatusCode.OK)
            {
                refreshToken = reply.Json!.Text("refreshToken");
                lastSuccess = started.Elapsed;
                return false;
            }

            refused = reply;
            return true;
        }, TimeSpan.FromSeconds(60));

        refused!.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal("expired", refused.Details!["reason"]!.GetValue<string>());
        Assert.True(lastSuccess > Idle, $"the last refresh that worked came {lastSuccess} after sign-in: the session never outlived its idle time");
        Assert.True(started.Elapsed >= MaxAge, $"refused after {started.Elapsed}, before the maximum age");
    }

    /// <summary>One app with three-second idle sessions of at most eight seconds, for the class.</summary>
    public sealed class ShortSessionsApp : IAsyncLifetime
    {
        private RunningApp app = null!;

        public Api Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            app = await RunningApp.StartAsync(new Dictionary<string, string?>
            {
                ["Sessions__IdleOverride"] = "00:00:03",
                ["Sessions__MaxAgeOverride"] = "00:00:08",
            });
            Api = new Api(app.CreateClient());
        }

        public async Task DisposeAsync() => await app.DisposeAsync();
    }
}
