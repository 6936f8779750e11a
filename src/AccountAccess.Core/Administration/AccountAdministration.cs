using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Administration;

/// <summary>
/// What administrators, supervisors and operators do to an account to unblock or block a person: deactivate,
/// reactivate, revoke and restore an organization's access. Each refuses (rather than silently ignores) a change
/// that does not apply to the account's state, and writes an audit event.
/// </summary>
public sealed class AccountAdministration(UserUpdater updater, IUserStore users, TimeProvider time)
{
    public Task<Result<User>> DeactivateAsync(Caller caller, string userId, DeactivationReason reason, RequestContext context, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, UserAction.Deactivate, organizationId: null, user =>
        {
            var now = time.GetUtcNow();
            if (user.IsDeactivatedAt(now))
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "already_deactivated"));
            }

            var deactivated = user.WithNewSecurityStamp() with { Deactivation = new Deactivation(reason, now, null, context.Actor) };
            return new UserChange(deactivated, [AuditEvent.Create(AuditAction.Deactivated, context, now, reason.ToSnakeCase())]);
        }, cancellationToken);

    /// <summary>Lifts a lock from failed attempts, a manual deactivation or (administrators and operators only) suspicious activity; never a merge.</summary>
    public Task<Result<User>> ReactivateAsync(Caller caller, string userId, RequestContext context, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, UserAction.Reactivate, organizationId: null, user =>
        {
            var now = time.GetUtcNow();
            if (user.Deactivation is not { } lockout || !lockout.IsInEffectAt(now))
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "not_deactivated"));
            }

            if (lockout.Reason == DeactivationReason.Merged)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "merged"));
            }

            if (lockout.Reason == DeactivationReason.SuspiciousActivity
                && !AccessRules.Allows(caller, user, UserAction.ReactivateAfterSuspiciousActivity))
            {
                return Failure.Of(ErrorCode.Forbidden, ("reason", "suspicious_activity_needs_administrator"));
            }

            // Wrong second-factor codes from before are forgiven too, or the first typo would count as the eleventh.
            var reactivated = user with { Deactivation = null, FailedAttempts = FailedAttempts.None, SecondFactorFailures = [] };
            return new UserChange(reactivated, [AuditEvent.Create(AuditAction.Reactivated, context, now, lockout.Reason.ToSnakeCase())]);
        }, cancellationToken);

    /// <summary>An organization withdraws a member's (typically a client's) access to its applications.</summary>
    public Task<Result<User>> RevokeAccessAsync(Caller caller, string userId, string organizationId, RequestContext context, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(caller, userId, organizationId, context, revoke: true, cancellationToken);

    public Task<Result<User>> RestoreAccessAsync(Caller caller, string userId, string organizationId, RequestContext context, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(caller, userId, organizationId, context, revoke: false, cancellationToken);

    public async Task<Result<User>> GetAsync(Caller caller, string userId, UserAction action, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return NotFoundFor(caller);
        }

        return AccessRules.Allows(caller, stored.Value, action) ? stored.Value : Failure.Of(ErrorCode.Forbidden);
    }

    public async Task<Result<IReadOnlyList<AuditEvent>>> GetEventsAsync(Caller caller, string userId, int max, CancellationToken cancellationToken)
    {
        var allowed = await GetAsync(caller, userId, UserAction.ViewEvents, cancellationToken);
        if (!allowed.Succeeded)
        {
            return allowed.Failure!;
        }

        var events = await users.GetEventsAsync(userId, max, cancellationToken);
        return Result<IReadOnlyList<AuditEvent>>.From(events);
    }

    private Task<Result<User>> ChangeMembershipAsync(Caller caller, string userId, string organizationId, RequestContext context, bool revoke, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, UserAction.RevokeAccess, organizationId, user =>
        {
            var now = time.GetUtcNow();
            if (user.MembershipIn(organizationId) is not { } membership)
            {
                return Failure.InvalidField("organizationId", "the user is not a member of this organization");
            }

            if (membership.AccessRevoked == revoke)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", revoke ? "already_revoked" : "not_revoked"));
            }

            var changed = membership with { AccessRevokedAt = revoke ? now : null };
            var updated = user with { Memberships = user.Memberships.Select(m => m == membership ? changed : m).ToList() };
            if (revoke)
            {
                updated = updated.WithNewSecurityStamp();
            }

            var action = revoke ? AuditAction.AccessRevoked : AuditAction.AccessRestored;
            var details = new Dictionary<string, string> { ["organizationId"] = organizationId };
            return new UserChange(updated, [AuditEvent.Create(action, context, now, details: details)]);
        }, cancellationToken);

    private async Task<Result<User>> ChangeAsync(
        Caller caller, string userId, UserAction action, string? organizationId, Func<User, Result<UserChange>> decide, CancellationToken cancellationToken)
    {
        var result = await updater.UpdateAsync(
            userId,
            user => AccessRules.Allows(caller, user, action, organizationId) ? decide(user) : Failure.Of(ErrorCode.Forbidden),
            cancellationToken);
        return result.Failure?.Code == ErrorCode.NotFound ? NotFoundFor(caller) : result;
    }

    // Only an operator learns that an account does not exist; anyone else cannot tell it from one outside their organization.
    private static Failure NotFoundFor(Caller caller) =>
        Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden);
}
