using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.SignIn;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

public class LockoutTests
{
    private static readonly LockoutPolicy SixThenAdministrator = new(6, null);
    private static readonly LockoutPolicy ThreeForThirtyMinutes = new(3, TimeSpan.FromMinutes(30));

    private readonly FakeTimeProvider time = new(Start);
    private readonly User user = User("usr_jean", Member("org_a", Role.Employee, "unit_1"));

    private User FailTimes(User account, LockoutPolicy policy, int times)
    {
        for (var i = 0; i < times; i++)
        {
            account = Lockout.RegisterFailure(account, policy, FromIp, time.GetUtcNow()).User;
            time.Advance(TimeSpan.FromSeconds(10));
        }

        return account;
    }

    [Fact]
    public void A_wrong_password_is_counted_with_its_time_and_ip()
    {
        var (after, _) = Lockout.RegisterFailure(user, SixThenAdministrator, FromIp, time.GetUtcNow());

        Assert.Equal(new FailedAttempts(1, Start, "203.0.113.7"), after.FailedAttempts);
    }

    [Fact]
    public void A_wrong_password_writes_a_sign_in_failed_event_with_the_ip_and_the_count()
    {
        var (_, events) = Lockout.RegisterFailure(user with { FailedAttempts = new FailedAttempts(2, Start, "x") }, SixThenAdministrator, FromIp, Start);

        var failed = Assert.Single(events);
        Assert.Equal(AuditAction.SignInFailed, failed.Action);
        Assert.Equal("203.0.113.7", failed.Ip);
        Assert.Equal(Start, failed.At);
        Assert.Equal("wrong_password", failed.Reason);
        Assert.Equal("3", failed.Details!["failedAttempts"]);
    }

    [Fact]
    public void Wrong_password_on_the_fifth_attempt_leaves_the_account_active()
    {
        var after = FailTimes(user, SixThenAdministrator, 5);

        Assert.Equal(5, after.FailedAttempts.Count);
        Assert.Null(after.Deactivation);
    }

    [Fact]
    public void Wrong_password_on_the_sixth_attempt_deactivates_the_account()
    {
        var after = FailTimes(user, SixThenAdministrator, 5);
        var now = time.GetUtcNow();

        var (locked, events) = Lockout.RegisterFailure(after, SixThenAdministrator, FromIp, now);

        Assert.Equal(new Deactivation(DeactivationReason.TooManyAttempts, now, null, Actor.System), locked.Deactivation);
        Assert.Equal([AuditAction.SignInFailed, AuditAction.Deactivated], events.Select(e => e.Action));
        Assert.Equal("too_many_attempts", events[1].Reason);
    }

    [Fact]
    public void Without_a_lockout_duration_the_lock_has_no_end()
    {
        var locked = FailTimes(user, SixThenAdministrator, 6);

        Assert.Null(locked.Deactivation!.Until);
        Assert.True(locked.IsDeactivatedAt(Start.AddYears(1)));
    }

    [Fact]
    public void With_a_lockout_duration_the_lock_ends_that_long_after_the_last_failure()
    {
        var after = FailTimes(user, ThreeForThirtyMinutes, 2);
        var now = time.GetUtcNow();

        var (locked, events) = Lockout.RegisterFailure(after, ThreeForThirtyMinutes, FromIp, now);

        Assert.Equal(now.AddMinutes(30), locked.Deactivation!.Until);
        Assert.Equal(now.AddMinutes(30).ToString("O"), events.Single(e => e.Action == AuditAction.Deactivated).Details!["until"]);
    }

    [Fact]
    public void Locking_the_account_rotates_its_security_stamp()
    {
        var locked = FailTimes(user, SixThenAdministrator, 6);

        Assert.NotEqual(user.SecurityStamp, locked.SecurityStamp);
    }

    [Fact]
    public void Wrong_passwords_on_a_locked_account_do_not_lock_it_again()
    {
        var locked = FailTimes(user, SixThenAdministrator, 6);

        var (after, events) = Lockout.RegisterFailure(locked, SixThenAdministrator, FromIp, time.GetUtcNow());

        Assert.Same(locked.Deactivation, after.Deactivation);
        Assert.Equal(locked.SecurityStamp, after.SecurityStamp);
        Assert.DoesNotContain(events, e => e.Action == AuditAction.Deactivated);
    }

    [Fact]
    public void A_wrong_password_after_a_timed_lock_ended_starts_the_count_again()
    {
        var locked = FailTimes(user, ThreeForThirtyMinutes, 3);
        time.Advance(TimeSpan.FromMinutes(31));

        var (after, events) = Lockout.RegisterFailure(locked, ThreeForThirtyMinutes, FromIp, time.GetUtcNow());

        Assert.Null(after.Deactivation);
        Assert.Equal(1, after.FailedAttempts.Count);
        Assert.Equal([AuditAction.LockExpired, AuditAction.SignInFailed], events.Select(e => e.Action));
    }

    [Fact]
    public void A_wrong_password_while_a_timed_lock_runs_keeps_counting_without_restarting()
    {
        var locked = FailTimes(user, ThreeForThirtyMinutes, 3);
        time.Advance(TimeSpan.FromMinutes(10));

        var (after, _) = Lockout.RegisterFailure(locked, ThreeForThirtyMinutes, FromIp, time.GetUtcNow());

        Assert.Equal(4, after.FailedAttempts.Count);
        Assert.Same(locked.Deactivation, after.Deactivation);
    }

    [Fact]
    public void A_correct_password_resets_the_count()
    {
        var failing = FailTimes(user, SixThenAdministrator, 4);

        var (after, events) = Lockout.RegisterSuccess(failing, FromIp, time.GetUtcNow());

        Assert.Equal(FailedAttempts.None, after.FailedAttempts);
        Assert.Equal(AuditAction.FailedAttemptsReset, Assert.Single(events).Action);
    }

    [Fact]
    public void A_correct_password_with_nothing_to_reset_changes_nothing()
    {
        var (after, events) = Lockout.RegisterSuccess(user, FromIp, Start);

        Assert.Same(user, after);
        Assert.Empty(events);
    }

    [Fact]
    public void A_correct_password_closes_a_timed_lock_that_ended()
    {
        var locked = FailTimes(user, ThreeForThirtyMinutes, 3);
        time.Advance(TimeSpan.FromMinutes(30));

        var (after, events) = Lockout.RegisterSuccess(locked, FromIp, time.GetUtcNow());

        Assert.Null(after.Deactivation);
        Assert.Equal(0, after.FailedAttempts.Count);
        Assert.Equal([AuditAction.LockExpired, AuditAction.FailedAttemptsReset], events.Select(e => e.Action));
    }

    [Fact]
    public void A_correct_password_does_not_lift_a_lock_that_is_still_on()
    {
        var locked = FailTimes(user, SixThenAdministrator, 6);

        var (after, _) = Lockout.RegisterSuccess(locked, FromIp, time.GetUtcNow());

        Assert.Same(locked.Deactivation, after.Deactivation);
        Assert.Equal(0, after.FailedAttempts.Count);
    }

    [Fact]
    public void Expiring_an_ended_timed_lock_clears_the_lock_and_the_count()
    {
        var locked = FailTimes(user, ThreeForThirtyMinutes, 3);
        var until = locked.Deactivation!.Until!.Value;

        var (after, events) = Lockout.ExpireTimedLock(locked, until);

        Assert.Null(after.Deactivation);
        Assert.Equal(FailedAttempts.None, after.FailedAttempts);
        var expired = Assert.Single(events);
        Assert.Equal(AuditAction.LockExpired, expired.Action);
        Assert.Equal(Actor.System, expired.Actor);
        Assert.Equal("too_many_attempts", expired.Reason);
        Assert.Equal(until.ToString("O"), expired.Details!["until"]);
    }

    [Fact]
    public void Expiring_a_timed_lock_before_its_end_changes_nothing()
    {
        var locked = FailTimes(user, ThreeForThirtyMinutes, 3);

        var (after, events) = Lockout.ExpireTimedLock(locked, locked.Deactivation!.Until!.Value.AddTicks(-1));

        Assert.Same(locked, after);
        Assert.Empty(events);
    }

    [Fact]
    public void Expiring_never_lifts_a_lock_without_an_end()
    {
        var locked = FailTimes(user, SixThenAdministrator, 6);

        var (after, events) = Lockout.ExpireTimedLock(locked, Start.AddYears(5));

        Assert.Same(locked, after);
        Assert.Empty(events);
    }

    [Fact]
    public void Expiring_an_account_without_a_lock_changes_nothing()
    {
        var (after, events) = Lockout.ExpireTimedLock(user, Start);

        Assert.Same(user, after);
        Assert.Empty(events);
    }
}
