using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Refresh-token reuse detection (Auth0's model) on an app whose <c>Auth:RefreshReuseInterval</c> is one second, with an
/// email pickup folder for the holder's notice.
/// </summary>
public sealed class RefreshTokenReuseTests(RefreshTokenReuseTests.ShortReuseIntervalApp app) : IClassFixture<RefreshTokenReuseTests.ShortReuseIntervalApp>
{
    private static readonly TimeSpan ReuseInterval = TimeSpan.FromSeconds(1);

    private Api Api => app.Api;

    [Fact]
    public async Task A_refresh_token_replayed_after_the_reuse_interval_ends_the_whole_session()
    {
        var (_, _, user) = await Api.CreateStaffAsync();
        var signedIn = await Api.SignInAsync(user.Username);
        var stolen = signedIn.Text("refreshToken");
        var rotated = (await Api.RefreshAsync(stolen)).ShouldBe(HttpStatusCode.OK).Json!;
        await Task.Delay(ReuseInterval * 2); // the interval must pass: nothing marks its end but the clock

        var replayed = await Api.RefreshAsync(stolen);

        replayed.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal("reused", replayed.Details!["reason"]!.GetValue<string>());
        (await Api.RefreshAsync(rotated.Text("refreshToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        (await Api.SessionsAsync(rotated.Text("accessToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_holder_of_a_session_ended_for_reuse_is_emailed_what_happened_and_from_where()
    {
        var (_, _, user) = await Api.CreateStaffAsync();
        var signedIn = await Api.SignInAsync(user.Username);
        await Api.RefreshAsync(signedIn.Text("refreshToken"));
        await Task.Delay(ReuseInterval * 2); // the interval must pass: nothing marks its end but the clock

        (await Api.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = signedIn.Text("refreshToken") }, forwardedFor: "203.0.113.66"))
            .ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");

        var notice = Assert.Single(await app.Mail.WaitForAsync(user.Email));
        Assert.Equal("One of your sessions was ended", notice.Subject);
        Assert.Contains("203.0.113.66", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await Api.CountEventsAsync(user.Id, "refresh_token_reused"));
        Assert.Equal(1, await Api.CountEventsAsync(user.Id, "notification_sent"));
    }

    public sealed class ShortReuseIntervalApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Auth__RefreshReuseInterval"] = "00:00:01",
        };
    }
}
