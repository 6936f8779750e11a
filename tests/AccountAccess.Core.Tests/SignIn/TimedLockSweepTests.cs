using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

public class TimedLockSweepTests
{
    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly TimedLockSweep sweep;

    public TimedLockSweepTests()
    {
        sweep = new TimedLockSweep(users, new UserUpdater(users, time), time);
    }

    /// <summary>Saves a user locked until <paramref name="until"/> the way sign-in does, so the store records the entry.</summary>
    private void AddLocked(string userId, DateTimeOffset? until, DeactivationReason reason = DeactivationReason.TooManyAttempts)
    {
        var stored = users.Add(User(userId, Member("org_a", Role.Employee, "unit_1")));
        var locked = stored.Value with
        {
            Deactivation = new Deactivation(reason, Start, until, Actor.System),
            FailedAttempts = new FailedAttempts(6, Start, "203.0.113.7"),
        };
        users.SaveAsync(stored, locked, [], CancellationToken.None).Wait();
    }

    private void Reactivate(string userId)
    {
        var stored = users.GetAsync(userId, CancellationToken.None).Result!;
        users.SaveAsync(stored, stored.Value with { Deactivation = null, FailedAttempts = FailedAttempts.None }, [], CancellationToken.None).Wait();
    }

    [Fact]
    public async Task A_timed_lock_that_ended_is_lifted()
    {
        AddLocked("usr_jean", Start.AddMinutes(30));
        time.Advance(TimeSpan.FromMinutes(30));

        var unlocked = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(1, unlocked);
        Assert.Null(users["usr_jean"].Deactivation);
        Assert.Equal(FailedAttempts.None, users["usr_jean"].FailedAttempts);
        var expired = Assert.Single(users.EventsOf("usr_jean"));
        Assert.Equal(AuditAction.LockExpired, expired.Action);
        Assert.Equal(Actor.System, expired.Actor);
    }

    [Fact]
    public async Task The_entry_of_a_lifted_lock_is_removed()
    {
        AddLocked("usr_jean", Start.AddMinutes(30));
        time.Advance(TimeSpan.FromMinutes(31));

        await sweep.RunAsync(CancellationToken.None);

        Assert.Empty(users.TimedLockEntries);
    }

    [Fact]
    public async Task A_timed_lock_still_running_is_left_alone()
    {
        AddLocked("usr_jean", Start.AddMinutes(30));
        time.Advance(TimeSpan.FromMinutes(29));

        var unlocked = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(0, unlocked);
        Assert.NotNull(users["usr_jean"].Deactivation);
        Assert.Equal([new TimedLockEntry("usr_jean", Start.AddMinutes(30))], users.TimedLockEntries);
    }

    [Fact]
    public async Task Only_the_locks_that_ended_are_lifted()
    {
        AddLocked("usr_early", Start.AddMinutes(10));
        AddLocked("usr_late", Start.AddMinutes(60));
        time.Advance(TimeSpan.FromMinutes(15));

        var unlocked = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(1, unlocked);
        Assert.Null(users["usr_early"].Deactivation);
        Assert.NotNull(users["usr_late"].Deactivation);
        Assert.Equal(["usr_late"], users.TimedLockEntries.Select(e => e.UserId));
    }

    [Fact]
    public async Task A_stale_entry_for_a_lock_replaced_by_a_longer_one_leaves_the_new_lock_on()
    {
        AddLocked("usr_jean", Start.AddMinutes(30));
        var stored = (await users.GetAsync("usr_jean", CancellationToken.None))!;
        var relocked = stored.Value with { Deactivation = stored.Value.Deactivation! with { Until = Start.AddMinutes(90) } };
        await users.SaveAsync(stored, relocked, [], CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(45));

        var unlocked = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(0, unlocked);
        Assert.Equal(Start.AddMinutes(90), users["usr_jean"].Deactivation?.Until);
        Assert.Equal([new TimedLockEntry("usr_jean", Start.AddMinutes(90))], users.TimedLockEntries);
    }

    [Fact]
    public async Task A_stale_entry_for_a_lock_replaced_by_a_manual_deactivation_leaves_it_on()
    {
        AddLocked("usr_jean", Start.AddMinutes(30));
        var stored = (await users.GetAsync("usr_jean", CancellationToken.None))!;
        var manual = stored.Value with { Deactivation = new Deactivation(DeactivationReason.Manual, Start.AddMinutes(5), null, Actor.Operator) };
        await users.SaveAsync(stored, manual, [], CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(45));

        var unlocked = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(0, unlocked);
        Assert.Equal(DeactivationReason.Manual, users["usr_jean"].Deactivation?.Reason);
        Assert.Empty(users.TimedLockEntries);
    }

    [Fact]
    public async Task A_stale_entry_for_an_account_already_reactivated_is_removed_and_not_counted_as_unlocked()
    {
        AddLocked("usr_jean", Start.AddMinutes(30));
        Reactivate("usr_jean");
        var savesBefore = users.SaveCount;
        time.Advance(TimeSpan.FromMinutes(45));

        var unlocked = await sweep.RunAsync(CancellationToken.None);

        Assert.Empty(users.TimedLockEntries);
        Assert.Equal(savesBefore, users.SaveCount);
        Assert.Equal(0, unlocked);
    }

    [Fact]
    public async Task An_entry_for_a_user_that_no_longer_exists_is_removed()
    {
        users.AddTimedLockEntry(new TimedLockEntry("usr_gone", Start));

        var unlocked = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(0, unlocked);
        Assert.Empty(users.TimedLockEntries);
    }
}
