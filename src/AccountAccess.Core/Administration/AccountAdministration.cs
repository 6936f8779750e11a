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
                && AccessRules.Refusal(caller, user, UserAction.ReactivateAfterSuspiciousActivity) is { } refused)
            {
                return refused.Code == ErrorCode.Forbidden ? Failure.Of(ErrorCode.Forbidden, ("reason", "suspicious_activity_needs_administrator")) : refused;
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

    /// <summary>The user as <paramref name="caller"/> may see it (<see cref="AccessRules.ViewOf"/>): only their organizations' part of a person who belongs elsewhere too.</summary>
    public async Task<Result<User>> GetAsync(Caller caller, string userId, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return NotFoundFor(caller);
        }

        return AccessRules.ViewOf(caller, stored.Value, UserAction.View) is { } view ? view.Of(stored.Value) : Failure.Of(ErrorCode.Forbidden);
    }

    /// <summary>The audit trail as <paramref name="caller"/> may see it, newest first (<see cref="AccountView"/>).</summary>
    public async Task<Result<IReadOnlyList<AuditEvent>>> GetEventsAsync(Caller caller, string userId, int max, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return NotFoundFor(caller);
        }

        if (AccessRules.ViewOf(caller, stored.Value, UserAction.ViewEvents) is not { } view)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var events = await users.GetEventsAsync(userId, max, cancellationToken);
        return Result<IReadOnlyList<AuditEvent>>.From(view.Of(events, userId));
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
            user => AccessRules.Refusal(caller, user, action, organizationId) is { } refused ? refused : decide(user),
            cancellationToken);
        return result.Failure?.Code == ErrorCode.NotFound ? NotFoundFor(caller) : result;
    }

    // Only an operator learns that an account does not exist; anyone else cannot tell it from one outside their organization.
    private static Failure NotFoundFor(Caller caller) =>
        Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden);
}
