using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.WelcomeKits;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.WelcomeKits;

public sealed class WelcomeKitScheduleTests
{
    private readonly WelcomeKitWorld world = new();

    public WelcomeKitScheduleTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.Organizations.Add(Organization("org_b"));
        for (var i = 0; i < 20; i++)
        {
            world.AddPending($"usr_p{i:D2}", Member(i % 2 == 0 ? "org_a" : "org_b", Role.Employee, "unit_1"));
        }

        world.AddActive("usr_active", Member("org_a", Role.Employee, "unit_1"));
        world.Users.Add(world.AddPending("usr_noemail", Member("org_a", Role.Employee, "unit_1")) with { Email = null });
        world.Users.Add(world.AddPending("usr_hidden", Member("org_a", Role.Employee, "unit_1")) with { Visible = false });
    }

    private static IEnumerable<string> Pending => Enumerable.Range(0, 20).Select(i => $"usr_p{i:D2}");

    [Fact]
    public async Task A_run_sends_one_kit_to_every_pending_account_with_an_email_and_none_to_the_others()
    {
        var run = await world.Schedule.RunAsync(CancellationToken.None);

        Assert.Equal(20, run.Sent);
        Assert.All(Pending, id => Assert.Single(world.EmailsTo(id)));
        Assert.Empty(world.EmailsTo("usr_active"));
        Assert.Empty(world.EmailsTo("usr_hidden"));
        Assert.Equal("schedule", world.Users.EventsOf("usr_p00").Single(e => e.Action == AuditAction.WelcomeKitSent).Reason);
        Assert.Equal(Actor.System, world.Users.EventsOf("usr_p00").Single(e => e.Action == AuditAction.WelcomeKitSent).Actor);
    }

    [Fact]
    public async Task The_next_run_finds_nothing_left_to_send()
    {
        await world.Schedule.RunAsync(CancellationToken.None);

        var again = await world.Schedule.RunAsync(CancellationToken.None);

        Assert.Equal(new WelcomeKitScheduleRun(0, 0, 0, 0, 0), again);
        Assert.Empty(world.Users.PendingActivationEntries);
        Assert.Equal(20, world.Email.Sent.Count);
    }

    [Fact]
    public async Task Overlapping_runs_send_exactly_one_kit_per_account()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => world.Time.AdvanceUntilDoneAsync(world.Schedule.RunAsync(CancellationToken.None)))));

        Assert.All(Pending, id => Assert.Single(world.EmailsTo(id)));
        Assert.Equal(20, runs.Sum(r => r.Sent));
        Assert.All(Pending, id => Assert.Single(world.Users.EventsOf(id), e => e.Action == AuditAction.WelcomeKitSent));
    }

    [Fact]
    public async Task An_account_claimed_by_a_run_that_died_is_sent_its_kit_by_a_run_after_the_claim_expires()
    {
        world.Claim("usr_p00", "link_dead", Start + world.ClaimTimeout);

        var during = await world.Schedule.RunAsync(CancellationToken.None);
        world.Time.Advance(world.ClaimTimeout);
        var after = await world.Schedule.RunAsync(CancellationToken.None);

        Assert.Equal(1, during.Busy);
        Assert.Equal(1, after.Sent);
        Assert.Single(world.EmailsTo("usr_p00"));
    }

    [Fact]
    public async Task A_stale_entry_is_removed_without_sending_anything()
    {
        var activatedMeanwhile = world.Users["usr_p00"] with { Password = new StoredPassword("hash", Start, Temporary: false) };
        world.Users.Add(activatedMeanwhile);
        world.Users.AddPendingActivationEntry(new PendingActivation("usr_p00", null, false));
        world.Users.AddPendingActivationEntry(new PendingActivation("usr_gone", null, false));

        var run = await world.Schedule.RunAsync(CancellationToken.None);

        Assert.Equal(2, run.Removed);
        Assert.Empty(world.EmailsTo("usr_p00"));
        Assert.DoesNotContain(world.Users.PendingActivationEntries, e => e.Value.UserId is "usr_p00" or "usr_gone");
    }

    [Fact]
    public async Task An_entry_written_again_after_it_was_listed_is_not_removed()
    {
        var listed = (await world.Users.ListPendingActivationsAsync(100, CancellationToken.None)).Single(e => e.Value.UserId == "usr_p00");
        world.Users.AddPendingActivationEntry(listed.Value with { DepartureDate = new DateOnly(2027, 1, 1) });

        await world.Users.RemovePendingActivationAsync(listed, CancellationToken.None);

        Assert.Contains(world.Users.PendingActivationEntries, e => e.Value.UserId == "usr_p00");
    }

    [Fact]
    public async Task A_run_handles_at_most_its_share_and_leaves_the_rest_to_the_next()
    {
        var small = new WelcomeKitWorld(new WelcomeKitSettings { MaxPerRun = 3 });
        small.Organizations.Add(Organization("org_a"));
        for (var i = 0; i < 5; i++)
        {
            small.AddPending($"usr_s{i}", Member("org_a", Role.Client));
        }

        var first = await small.Schedule.RunAsync(CancellationToken.None);
        var second = await small.Schedule.RunAsync(CancellationToken.None);

        Assert.Equal(3, first.Sent);
        Assert.Equal(2, second.Sent);
    }

    [Fact]
    public async Task Changing_the_email_of_a_pending_account_without_one_brings_it_to_the_schedule()
    {
        var stored = (await world.Users.GetAsync("usr_noemail", CancellationToken.None))!;
        await world.Users.SaveAsync(stored, stored.Value with { Email = "usr_noemail@example.com" }, [], CancellationToken.None);

        await world.Schedule.RunAsync(CancellationToken.None);

        Assert.Single(world.EmailsTo("usr_noemail"));
    }
}
