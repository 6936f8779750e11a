using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Administration;

public class AccountAdministrationTests
{
    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly AccountAdministration administration;

    private readonly Caller.Operator theOperator = Caller.Operator.Instance;
    private readonly Caller.SignedInUser administrator;
    private readonly Caller.SignedInUser supervisor;
    private readonly Caller.SignedInUser administratorElsewhere;

    public AccountAdministrationTests()
    {
        administration = new AccountAdministration(new UserUpdater(users, time), users, time);
        users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")));
        users.Add(User("usr_client", Member("org_a", Role.Client), Member("org_b", Role.Client)));
        administrator = SignedIn(users.Add(User("usr_admin", Member("org_a", Role.Administrator))).Value);
        supervisor = SignedIn(users.Add(User("usr_boss", Supervisor("org_a", "unit_1"))).Value);
        administratorElsewhere = SignedIn(users.Add(User("usr_other_admin", Member("org_b", Role.Administrator))).Value);
    }

    private Task<Result<User>> DeactivateAsync(Caller caller, string userId = "usr_jean") =>
        administration.DeactivateAsync(caller, userId, DeactivationReason.Manual, ContextOf(caller), CancellationToken.None);

    private Task<Result<User>> ReactivateAsync(Caller caller, string userId = "usr_jean") =>
        administration.ReactivateAsync(caller, userId, ContextOf(caller), CancellationToken.None);

    private void Lock(string userId, DeactivationReason reason, DateTimeOffset? until = null)
    {
        var stored = users.GetAsync(userId, CancellationToken.None).Result!;
        var locked = stored.Value with
        {
            Deactivation = new Deactivation(reason, Start.AddHours(-1), until, Actor.System),
            FailedAttempts = new FailedAttempts(6, Start.AddHours(-1), "203.0.113.7"),
        };
        users.SaveAsync(stored, locked, [], CancellationToken.None).Wait();
    }

    [Fact]
    public async Task An_operator_deactivates_an_account()
    {
        var result = await DeactivateAsync(theOperator);

        Assert.True(result.Succeeded);
        Assert.Equal(new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator), users["usr_jean"].Deactivation);
    }

    [Fact]
    public async Task An_administrator_of_the_organization_deactivates_an_account_and_the_event_says_who_and_from_where()
    {
        await DeactivateAsync(administrator);

        Assert.Equal(Actor.ForUser("usr_admin"), users["usr_jean"].Deactivation?.By);
        var deactivated = Assert.Single(users.EventsOf("usr_jean"));
        Assert.Equal(AuditAction.Deactivated, deactivated.Action);
        Assert.Equal(Actor.ForUser("usr_admin"), deactivated.Actor);
        Assert.Equal("manual", deactivated.Reason);
        Assert.Equal("198.51.100.20", deactivated.Ip);
        Assert.Equal(Start, deactivated.At);
    }

    [Fact]
    public async Task A_supervisor_sharing_a_unit_deactivates_an_account()
    {
        Assert.True((await DeactivateAsync(supervisor)).Succeeded);
    }

    [Fact]
    public async Task Deactivation_rotates_the_security_stamp()
    {
        var before = users["usr_jean"].SecurityStamp;

        await DeactivateAsync(theOperator);

        Assert.NotEqual(before, users["usr_jean"].SecurityStamp);
    }

    [Fact]
    public async Task Deactivating_a_deactivated_account_is_refused()
    {
        await DeactivateAsync(theOperator);

        var again = await DeactivateAsync(theOperator);

        Assert.Equal(ErrorCode.InvalidState, again.Failure?.Code);
        Assert.Equal("already_deactivated", again.Failure!.Details["reason"]);
        Assert.Single(users.EventsOf("usr_jean"));
    }

    [Fact]
    public async Task An_administrator_of_another_organization_may_not_deactivate()
    {
        var result = await DeactivateAsync(administratorElsewhere);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.Null(users["usr_jean"].Deactivation);
        Assert.Equal(0, users.SaveCount);
    }

    [Fact]
    public async Task An_operator_reactivates_an_account_locked_by_failed_attempts()
    {
        Lock("usr_jean", DeactivationReason.TooManyAttempts);

        var result = await ReactivateAsync(theOperator);

        Assert.True(result.Succeeded);
        Assert.Null(users["usr_jean"].Deactivation);
        Assert.Equal(FailedAttempts.None, users["usr_jean"].FailedAttempts);
        var reactivated = users.EventsOf("usr_jean")[0];
        Assert.Equal(AuditAction.Reactivated, reactivated.Action);
        Assert.Equal("too_many_attempts", reactivated.Reason);
    }

    [Fact]
    public async Task An_administrator_reactivates_a_manually_deactivated_account()
    {
        await DeactivateAsync(theOperator);

        var result = await ReactivateAsync(administrator);

        Assert.True(result.Succeeded);
        Assert.Null(users["usr_jean"].Deactivation);
    }

    [Fact]
    public async Task A_supervisor_reactivates_an_account_locked_by_failed_attempts()
    {
        Lock("usr_jean", DeactivationReason.TooManyAttempts);

        Assert.True((await ReactivateAsync(supervisor)).Succeeded);
    }

    [Fact]
    public async Task Reactivating_a_merged_account_is_refused()
    {
        Lock("usr_jean", DeactivationReason.Merged);

        var result = await ReactivateAsync(theOperator);

        Assert.Equal(ErrorCode.InvalidState, result.Failure?.Code);
        Assert.Equal("merged", result.Failure!.Details["reason"]);
        Assert.Equal(DeactivationReason.Merged, users["usr_jean"].Deactivation?.Reason);
    }

    [Fact]
    public async Task Reactivating_an_active_account_is_refused()
    {
        var result = await ReactivateAsync(theOperator);

        Assert.Equal(ErrorCode.InvalidState, result.Failure?.Code);
        Assert.Equal("not_deactivated", result.Failure!.Details["reason"]);
    }

    [Fact]
    public async Task Reactivating_after_a_timed_lock_ended_is_refused_as_not_deactivated()
    {
        Lock("usr_jean", DeactivationReason.TooManyAttempts, until: Start);

        var result = await ReactivateAsync(theOperator);

        Assert.Equal("not_deactivated", result.Failure?.Details["reason"]);
    }

    [Fact]
    public async Task An_administrator_lifts_a_suspicious_activity_lock()
    {
        Lock("usr_jean", DeactivationReason.SuspiciousActivity);

        var result = await ReactivateAsync(administrator);

        Assert.True(result.Succeeded);
        Assert.Null(users["usr_jean"].Deactivation);
    }

    [Fact]
    public async Task An_operator_lifts_a_suspicious_activity_lock()
    {
        Lock("usr_jean", DeactivationReason.SuspiciousActivity);

        Assert.True((await ReactivateAsync(theOperator)).Succeeded);
    }

    [Fact]
    public async Task A_supervisor_may_not_lift_a_suspicious_activity_lock()
    {
        Lock("usr_jean", DeactivationReason.SuspiciousActivity);

        var result = await ReactivateAsync(supervisor);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.Equal("suspicious_activity_needs_administrator", result.Failure!.Details["reason"]);
        Assert.Equal(DeactivationReason.SuspiciousActivity, users["usr_jean"].Deactivation?.Reason);
    }

    [Fact]
    public async Task An_administrator_revokes_a_clients_access_to_their_organization_only()
    {
        var result = await administration.RevokeAccessAsync(administrator, "usr_client", "org_a", ContextOf(administrator), CancellationToken.None);

        Assert.True(result.Succeeded);
        var client = users["usr_client"];
        Assert.Equal(Start, client.MembershipIn("org_a")!.AccessRevokedAt);
        Assert.False(client.MembershipIn("org_b")!.AccessRevoked);
        var revoked = users.EventsOf("usr_client")[0];
        Assert.Equal(AuditAction.AccessRevoked, revoked.Action);
        Assert.Equal("org_a", revoked.Details!["organizationId"]);
    }

    [Fact]
    public async Task Revoking_access_rotates_the_security_stamp()
    {
        var before = users["usr_client"].SecurityStamp;

        await administration.RevokeAccessAsync(theOperator, "usr_client", "org_a", ContextOf(theOperator), CancellationToken.None);

        Assert.NotEqual(before, users["usr_client"].SecurityStamp);
    }

    [Fact]
    public async Task An_administrator_may_not_revoke_access_to_another_organization()
    {
        var result = await administration.RevokeAccessAsync(administrator, "usr_client", "org_b", ContextOf(administrator), CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.False(users["usr_client"].MembershipIn("org_b")!.AccessRevoked);
    }

    [Fact]
    public async Task A_supervisor_may_not_revoke_access()
    {
        var result = await administration.RevokeAccessAsync(supervisor, "usr_jean", "org_a", ContextOf(supervisor), CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
    }

    [Fact]
    public async Task Revoking_access_twice_is_refused()
    {
        await administration.RevokeAccessAsync(theOperator, "usr_client", "org_a", ContextOf(theOperator), CancellationToken.None);

        var again = await administration.RevokeAccessAsync(theOperator, "usr_client", "org_a", ContextOf(theOperator), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidState, again.Failure?.Code);
        Assert.Equal("already_revoked", again.Failure!.Details["reason"]);
    }

    [Fact]
    public async Task Revoking_access_to_an_organization_the_user_is_not_in_is_refused()
    {
        var result = await administration.RevokeAccessAsync(theOperator, "usr_jean", "org_b", ContextOf(theOperator), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, result.Failure?.Code);
        Assert.Equal("organizationId", result.Failure!.Details["field"]);
    }

    [Fact]
    public async Task Restoring_access_gives_it_back()
    {
        await administration.RevokeAccessAsync(administrator, "usr_client", "org_a", ContextOf(administrator), CancellationToken.None);

        var result = await administration.RestoreAccessAsync(administrator, "usr_client", "org_a", ContextOf(administrator), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(users["usr_client"].MembershipIn("org_a")!.AccessRevoked);
        Assert.Equal(AuditAction.AccessRestored, users.EventsOf("usr_client")[0].Action);
    }

    [Fact]
    public async Task Restoring_access_that_was_not_revoked_is_refused()
    {
        var result = await administration.RestoreAccessAsync(theOperator, "usr_client", "org_a", ContextOf(theOperator), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidState, result.Failure?.Code);
        Assert.Equal("not_revoked", result.Failure!.Details["reason"]);
    }

    [Fact]
    public async Task An_operator_is_told_an_unknown_user_does_not_exist()
    {
        var result = await DeactivateAsync(theOperator, "usr_nobody");

        Assert.Equal(ErrorCode.NotFound, result.Failure?.Code);
    }

    [Fact]
    public async Task Anyone_else_cannot_tell_an_unknown_user_from_one_outside_their_organization()
    {
        var unknown = await DeactivateAsync(administrator, "usr_nobody");
        var elsewhere = await DeactivateAsync(administratorElsewhere, "usr_jean");

        Assert.Equal(ErrorCode.Forbidden, unknown.Failure?.Code);
        Assert.Equal(elsewhere.Failure?.Code, unknown.Failure?.Code);
    }

    [Fact]
    public async Task Reading_an_unknown_user_is_not_found_for_an_operator_and_forbidden_for_others()
    {
        var asOperator = await administration.GetAsync(theOperator, "usr_nobody", CancellationToken.None);
        var asAdministrator = await administration.GetAsync(administrator, "usr_nobody", CancellationToken.None);

        Assert.Equal(ErrorCode.NotFound, asOperator.Failure?.Code);
        Assert.Equal(ErrorCode.Forbidden, asAdministrator.Failure?.Code);
    }

    [Fact]
    public async Task A_supervisor_reads_the_audit_trail_newest_first()
    {
        await DeactivateAsync(theOperator);
        time.Advance(TimeSpan.FromMinutes(5));
        await ReactivateAsync(theOperator);

        var result = await administration.GetEventsAsync(supervisor, "usr_jean", 10, CancellationToken.None);

        Assert.Equal([AuditAction.Reactivated, AuditAction.Deactivated], result.Value.Select(e => e.Action));
    }

    [Fact]
    public async Task An_administrator_of_another_organization_may_not_read_the_audit_trail()
    {
        var result = await administration.GetEventsAsync(administratorElsewhere, "usr_jean", 10, CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
    }
}
