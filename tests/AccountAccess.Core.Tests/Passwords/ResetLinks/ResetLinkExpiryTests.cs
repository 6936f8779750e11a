using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords.ResetLinks;

/// <summary>What the reset-link orchestration's activity records when a followed link's time is up.</summary>
public sealed class ResetLinkExpiryTests
{
    private const string Password = "violet-harbour-42";

    private readonly PasswordLifecycle world = new();
    private readonly ResetLinkExpiry expiry;

    public ResetLinkExpiryTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Password);
        expiry = new ResetLinkExpiry(world.Updater, world.Time);
    }

    private async Task<string> IssueAsync()
    {
        await world.Reset.ForgotAsync("usr_jean", FromIp, CancellationToken.None);
        return world.Links.Tracked("usr_jean")!.LinkId;
    }

    private Task<ResetLinkExpiryOutcome> RecordAsync(string linkId) => expiry.RecordAsync("usr_jean", linkId, CancellationToken.None);

    private int ExpiredEvents() => world.Users.EventsOf("usr_jean").Count(e => e.Action == AuditAction.ResetLinkExpired);

    [Fact]
    public async Task Issuing_a_link_has_it_followed_and_redeeming_it_says_it_was_used()
    {
        var linkId = await IssueAsync();

        await world.Reset.ResetAsync(world.LastTokenSentTo("usr_jean@example.com"), "amber-lighthouse-77", FromIp, CancellationToken.None);

        Assert.Equal(("usr_jean", linkId), Assert.Single(world.Links.Used));
    }

    [Fact]
    public async Task An_unused_link_past_its_time_is_recorded_as_expired_by_the_system()
    {
        var linkId = await IssueAsync();
        world.Time.Advance(world.Settings.ResetLinkLifetime);

        var outcome = await RecordAsync(linkId);

        Assert.Equal(new ResetLinkExpiryOutcome(ResetLinkExpiryOutcome.Expired, null), outcome);
        var recorded = world.Users.EventsOf("usr_jean").Single(e => e.Action == AuditAction.ResetLinkExpired);
        Assert.Equal("expired_unused", recorded.Reason);
        Assert.Equal(Actor.System, recorded.Actor);
        Assert.Equal(linkId, recorded.Details!["linkId"]);
    }

    [Fact]
    public async Task Recording_the_same_expiry_twice_writes_it_once()
    {
        var linkId = await IssueAsync();
        world.Time.Advance(world.Settings.ResetLinkLifetime);

        await RecordAsync(linkId);
        var again = await RecordAsync(linkId);

        Assert.Equal(ResetLinkExpiryOutcome.Expired, again.Outcome);
        Assert.Equal(1, ExpiredEvents());
    }

    [Fact]
    public async Task A_timer_that_fires_a_moment_early_records_nothing_and_says_to_wait_again()
    {
        var linkId = await IssueAsync();
        world.Time.Advance(world.Settings.ResetLinkLifetime - TimeSpan.FromSeconds(1));

        var outcome = await RecordAsync(linkId);

        Assert.Equal(ResetLinkExpiryOutcome.NotYet, outcome.Outcome);
        Assert.Equal(linkId, outcome.Next!.LinkId);
        Assert.Equal(0, ExpiredEvents());
    }

    [Fact]
    public async Task A_used_link_needs_nothing_recorded()
    {
        var linkId = await IssueAsync();
        await world.Reset.ResetAsync(world.LastTokenSentTo("usr_jean@example.com"), "amber-lighthouse-77", FromIp, CancellationToken.None);
        world.Time.Advance(world.Settings.ResetLinkLifetime);

        var outcome = await RecordAsync(linkId);

        Assert.Equal(new ResetLinkExpiryOutcome(ResetLinkExpiryOutcome.Used, null), outcome);
        Assert.Equal(0, ExpiredEvents());
    }

    [Fact]
    public async Task A_superseded_link_records_nothing_and_names_the_newer_pending_link_to_follow()
    {
        var first = await IssueAsync();
        world.Time.Advance(TimeSpan.FromHours(1));
        var second = await IssueAsync();
        world.Time.Advance(world.Settings.ResetLinkLifetime - TimeSpan.FromHours(1));

        var outcome = await RecordAsync(first);

        Assert.Equal(ResetLinkExpiryOutcome.Superseded, outcome.Outcome);
        Assert.Equal(second, outcome.Next!.LinkId);
        Assert.Equal(0, ExpiredEvents());
    }

    [Fact]
    public async Task A_user_who_is_gone_ends_the_following()
    {
        var outcome = await expiry.RecordAsync("usr_nobody", "lnk_none", CancellationToken.None);

        Assert.Equal(new ResetLinkExpiryOutcome(ResetLinkExpiryOutcome.Gone, null), outcome);
    }
}
