using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// Counts a failed second factor on the account — a wrong code, a refused passkey — toward <see cref="SuspiciousActivity"/>,
/// and tells the organizations' primary contacts and the holder when it deactivates the account.
/// </summary>
public sealed class SecondFactorFailures(
    IUserStore users, IOrganizationStore organizations, UserUpdater updater, IEmailSender email, TimeProvider time, HolderNotifier? holders = null)
{
    /// <summary>Counts the failure described by <paramref name="describe"/> (its audit event, from the count in the last hour); true when it deactivated the account.</summary>
    public async Task<bool> RegisterAsync(string userId, RequestContext context, Func<User, DateTimeOffset, int, AuditEvent> describe, CancellationToken cancellationToken)
    {
        var deactivated = false;
        await updater.UpdateAsync(userId, user =>
        {
            var now = time.GetUtcNow();
            var (updated, events, deactivatedNow) = SuspiciousActivity.RegisterFailure(user, context, now, inLastHour => describe(user, now, inLastHour));
            deactivated = deactivatedNow;
            return new UserChange(updated, events);
        }, cancellationToken);

        if (deactivated)
        {
            await NotifyPrimaryContactsAsync(userId, cancellationToken);
            if (holders is not null && (await users.GetAsync(userId, cancellationToken))?.Value is { Deactivation: { } lockout } locked)
            {
                var memberOf = await organizations.GetManyAsync(locked.Memberships.Select(m => m.OrganizationId), cancellationToken);
                var unlocks = SecurityUnlock.Allows(locked, LockoutPolicy.For(memberOf), time.GetUtcNow());
                await holders.NotifyAsync(locked, new AccountLockedNotice(lockout.Since, context.Ip, lockout.Reason, lockout.Until, unlocks), cancellationToken);
            }
        }

        return deactivated;
    }

    private async Task NotifyPrimaryContactsAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        if (user is null)
        {
            return;
        }

        var memberOf = await organizations.GetManyAsync(user.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        foreach (var contact in memberOf.Select(o => o.PrimaryContactEmail).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await email.SendAsync(EmailTemplates.SuspiciousActivity(contact, user.Value, time.GetUtcNow()), cancellationToken);
        }
    }
}
