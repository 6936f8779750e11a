using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

/// <summary>
/// At most <c>Passwords:ForgotPasswordEmailsPerAccountPerHour</c> reset emails to one account in an hour, whatever the
/// source IPs: beyond that nothing is sent, it is recorded once per window, the diagnosis says when it lifts, and the
/// latest link sent still works.
/// </summary>
public class ForgotPasswordThrottleTests
{
    private readonly PasswordLifecycle world = new(new PasswordSettings { ForgotPasswordEmailsPerAccountPerHour = 3 });

    public ForgotPasswordThrottleTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), "violet-harbour-42");
    }

    private async Task ForgotAsync(int times, string ip = "203.0.113.7")
    {
        for (var i = 0; i < times; i++)
        {
            await world.Reset.ForgotAsync("usr_jean", new RequestContext(Actor.Anonymous, ip), CancellationToken.None);
            world.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private IEnumerable<AuditEvent> Throttled =>
        world.Users.EventsOf("usr_jean").Where(e => e.Action == AuditAction.ForgotPasswordRefused && e.Reason == "throttled");

    [Fact]
    public async Task The_hourly_share_is_sent_and_the_next_requests_send_nothing()
    {
        await ForgotAsync(3);
        await ForgotAsync(4, ip: "198.51.100.9");

        Assert.Equal(3, world.Email.Sent.Count);
        Assert.Equal(3, world.Users.EventsOf("usr_jean").Count(e => e.Action == AuditAction.ResetLinkIssued));
    }

    [Fact]
    public async Task Being_throttled_is_recorded_once_per_window_with_when_it_lifts()
    {
        await ForgotAsync(3);

        await ForgotAsync(5);

        var throttled = Assert.Single(Throttled);
        Assert.Equal((Start + TimeSpan.FromHours(1)).ToString("O", System.Globalization.CultureInfo.InvariantCulture), throttled.Details!["until"]);
        Assert.Equal(new ForgotPasswordOutcome(Start + TimeSpan.FromMinutes(3), false, ForgotPasswordRefusal.Throttled, Start + TimeSpan.FromHours(1)),
            world.Users["usr_jean"].LastForgotPassword);
    }

    [Fact]
    public async Task Once_the_oldest_email_of_the_window_is_an_hour_old_one_more_goes_out()
    {
        await ForgotAsync(3);
        await ForgotAsync(1);
        world.Time.SetUtcNow(Start + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        await ForgotAsync(1);

        Assert.Equal(4, world.Email.Sent.Count);
        Assert.True(world.Users["usr_jean"].LastForgotPassword!.Sent);
        Assert.Equal(3, world.Users["usr_jean"].RecentForgotPasswordEmails.Count);
    }

    [Fact]
    public async Task The_latest_link_sent_still_works_while_throttled()
    {
        await ForgotAsync(3);
        var token = world.LastTokenSentTo("usr_jean@example.com");

        await ForgotAsync(2);
        var reset = await world.Reset.ResetAsync(token, "amber-lighthouse-77", FromIp, CancellationToken.None);

        Assert.True(reset.Succeeded);
    }

    [Fact]
    public async Task The_diagnosis_shows_the_throttle_until_it_lifts_then_no_more()
    {
        await ForgotAsync(4);
        var diagnosis = new SupportDiagnosis(world.Users, world.Organizations, world.Settings, world.Time);

        var during = await diagnosis.DiagnoseAsync(Caller.Operator.Instance, "usr_jean", null, null, CancellationToken.None);
        world.Time.SetUtcNow(Start + TimeSpan.FromHours(1));
        var after = await diagnosis.DiagnoseAsync(Caller.Operator.Instance, "usr_jean", null, null, CancellationToken.None);

        var blocker = Assert.Single(during.Value.Blockers, b => b.Code == BlockerCode.ForgotPasswordThrottled);
        Assert.Equal(Remedy.UseLatestResetEmail, blocker.Remedy);
        Assert.Equal("2026-03-10T13:00:00Z", blocker.Details["until"]);
        Assert.DoesNotContain(after.Value.Blockers, b => b.Code is BlockerCode.ForgotPasswordThrottled or BlockerCode.ForgotPasswordRefused);
    }

    [Fact]
    public void The_limit_is_refused_outside_one_to_a_hundred()
    {
        Assert.NotEmpty(Annotations.ProblemsOf(new PasswordSettings { ForgotPasswordEmailsPerAccountPerHour = 0 }));
        Assert.NotEmpty(Annotations.ProblemsOf(new PasswordSettings { ForgotPasswordEmailsPerAccountPerHour = 101 }));
        Assert.Empty(Annotations.ProblemsOf(new PasswordSettings()));
        Assert.Equal(5, new PasswordSettings().ForgotPasswordEmailsPerAccountPerHour);
    }
}
