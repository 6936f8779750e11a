using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Administration;

/// <summary>
/// Two accounts for one person, made one (operators only): the source's memberships move to the target and the source
/// is deactivated (<c>merged</c>), keeping its logins and emails — nobody else can take them — until an operator
/// releases an email for a new account. The target is saved first: if the process dies in between, the merge asked
/// again completes it (memberships already moved are not moved twice).
/// </summary>
public sealed class AccountMerge(UserUpdater updater, IUserStore users, TimeProvider time)
{
    public async Task<Result<User>> MergeAsync(Caller caller, string sourceId, string targetId, RequestContext context, CancellationToken cancellationToken)
    {
        if (caller is not Caller.Operator)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        if (sourceId == targetId)
        {
            return Failure.InvalidField("intoUserId", "must be another account");
        }

        var source = await users.GetAsync(sourceId, cancellationToken);
        if (source is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        if (source.Value.Deactivation?.Reason == DeactivationReason.Merged)
        {
            return Failure.Of(ErrorCode.InvalidState, ("reason", "already_merged"), ("mergedIntoUserId", source.Value.MergedIntoUserId));
        }

        var movedIn = await updater.UpdateAsync(targetId, target =>
        {
            if (target.Deactivation?.Reason == DeactivationReason.Merged)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "target_merged"));
            }

            var moving = source.Value.Memberships.Where(m => target.MembershipIn(m.OrganizationId) is null).ToList();
            var details = new Dictionary<string, string>
            {
                ["fromUserId"] = sourceId,
                ["organizationIds"] = string.Join(',', moving.Select(m => m.OrganizationId)),
            };
            return new UserChange(
                target with { Memberships = [.. target.Memberships, .. moving] },
                [AuditEvent.Create(AuditAction.MergedFrom, context, time.GetUtcNow(), details: details)]);
        }, cancellationToken);
        if (!movedIn.Succeeded)
        {
            return movedIn.Failure!.Code == ErrorCode.NotFound ? Failure.InvalidField("intoUserId", "no such account") : movedIn.Failure;
        }

        return await updater.UpdateAsync(sourceId, user =>
        {
            if (user.Deactivation?.Reason == DeactivationReason.Merged)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "already_merged"), ("mergedIntoUserId", user.MergedIntoUserId));
            }

            var now = time.GetUtcNow();
            var (links, superseded) = PendingResetLinks.Supersede(user, ResetLinkSupersededBy.Merge, context, now);
            var merged = user.WithNewSecurityStamp() with
            {
                Deactivation = new Deactivation(DeactivationReason.Merged, now, null, context.Actor),
                MergedIntoUserId = targetId,
                Memberships = [],
                ResetLinks = links,
            };
            var details = new Dictionary<string, string>
            {
                ["intoUserId"] = targetId,
                ["organizationIds"] = string.Join(',', user.Memberships.Select(m => m.OrganizationId)),
            };
            return new UserChange(merged, [AuditEvent.Create(AuditAction.MergedInto, context, now, "merged", details), .. superseded]);
        }, cancellationToken);
    }

    /// <summary>Frees an email held by a deactivated (typically merged) account, so a new account can use it.</summary>
    public async Task<Result<User>> ReleaseEmailAsync(Caller caller, string userId, string email, RequestContext context, CancellationToken cancellationToken)
    {
        if (caller is not Caller.Operator)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var normalized = LoginName.Normalize(email);
        return await updater.UpdateAsync(userId, user =>
        {
            var now = time.GetUtcNow();
            var isMain = user.Email is not null && LoginName.Normalize(user.Email) == normalized;
            var secondary = user.SecondaryEmails.Where(e => LoginName.Normalize(e) == normalized).ToList();
            if (!isMain && secondary.Count == 0)
            {
                return Failure.InvalidField("email", "not an email of this account");
            }

            if (!user.IsDeactivatedAt(now))
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "not_deactivated"));
            }

            var released = user with
            {
                Email = isMain ? null : user.Email,
                SecondaryEmails = [.. user.SecondaryEmails.Except(secondary)],
            };
            var details = new Dictionary<string, string> { ["email"] = email.Trim(), ["field"] = isMain ? "email" : "secondaryEmails" };
            return new UserChange(released, [AuditEvent.Create(AuditAction.EmailReleased, context, now, details: details)]);
        }, cancellationToken);
    }
}
