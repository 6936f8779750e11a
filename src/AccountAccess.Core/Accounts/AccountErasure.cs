using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// "Misspelt email: delete the user and create it again." Erases a user: its personal data, password, second factors,
/// challenges, sessions (the account is gone, so every token dies with it), its workflows and pending links; frees its
/// username and emails at once; and leaves <c>user_deleted</c> (who, when, the id: no personal data) on each of its
/// organizations' trails, written first so that no erasure goes unrecorded. Operators may erase anyone; an
/// administrator, a user all of whose memberships are in their organization (<see cref="AccessRules"/>). Afterwards the id is not found anywhere,
/// so a second erasure answers 404.
/// </summary>
public sealed class AccountErasure(
    IUserStore users,
    IOrganizationStore organizations,
    IChallengeStore challenges,
    IResetLinkTracker links,
    IPasswordRotationTracker rotation,
    TimeProvider time)
{
    public async Task<Result> DeleteAsync(Caller caller, string userId, RequestContext context, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden);
        }

        if (AccessRules.Refusal(caller, stored.Value, UserAction.Erase) is { } refused)
        {
            return refused;
        }

        foreach (var organizationId in stored.Value.Memberships.Select(m => m.OrganizationId).Distinct())
        {
            await RecordAsync(organizationId, stored.Value, context, cancellationToken);
        }

        await rotation.StopAsync(userId, cancellationToken);
        await links.StopAsync(userId, cancellationToken);
        await challenges.DeleteForUserAsync(userId, cancellationToken);
        await OptimisticRetry.RunAsync(async ct =>
        {
            // A change saved meanwhile (a sign-in's failure count) is erased all the same: read again and erase that.
            var current = await users.GetAsync(userId, ct);
            if (current is not null)
            {
                await users.DeleteAsync(current, ct);
            }

            return true;
        }, time, cancellationToken);
        return Result.Success;
    }

    private Task RecordAsync(string organizationId, User user, RequestContext context, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async ct =>
        {
            var current = await organizations.GetAsync(organizationId, ct);
            if (current is not null)
            {
                var details = new Dictionary<string, string> { ["userId"] = user.Id, ["role"] = user.MembershipIn(organizationId)!.Role.ToSnakeCase() };
                await organizations.SaveAsync(current, current.Value, [AuditEvent.Create(AuditAction.UserDeleted, context, time.GetUtcNow(), null, details)], ct);
            }

            return true;
        }, time, cancellationToken);
}
