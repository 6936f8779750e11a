using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Passwords.Rotation;

/// <summary>
/// Password rotation (PCI DSS 8.3.9: at most every 90 days) in three steps, as the rotation orchestration's activities
/// run them: plan the current password's cycle, send the reminder <c>passwordExpiryReminderDays</c> before expiry, then
/// mark the password expired (sign-in answers <c>password_change_required</c> / <c>expired</c> from its age anyway; the
/// mark puts it on the trail and in the diagnosis). <c>passwordMaxAgeDays: 0</c>, or a second factor under
/// <c>pci-dss-4</c>, means no rotation.
/// <para>
/// Every step reads the user again and re-plans from the password and policies of now, so a step meant for a password
/// changed since (a restart that was missed), a policy changed since or a second factor enrolled since follows the new
/// plan or stops instead of acting. Every step is idempotent: the engine may run one twice, and a reminder already
/// sent for this password is not sent again.
/// </para>
/// </summary>
public sealed class PasswordRotation(
    IUserStore users,
    IOrganizationStore organizations,
    UserUpdater updater,
    IEmailSender email,
    PasswordSettings settings,
    TimeProvider time)
{
    /// <summary>The cycle of the user's current password, or why there is none.</summary>
    public async Task<PasswordRotationStep> PlanAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        return user is null ? new(PasswordRotationStep.UserGone, null) : await CurrentAsync(user.Value, cancellationToken);
    }

    /// <summary>The reminder of <paramref name="plan"/> is due: email it (once per password) unless the plan no longer stands.</summary>
    public async Task<PasswordRotationStep> RemindAsync(PasswordRotationPlan plan, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(plan.UserId, cancellationToken);
        if (stored is null)
        {
            return new(PasswordRotationStep.UserGone, null);
        }

        var current = await CurrentAsync(stored.Value, cancellationToken);
        if (Changed(current, plan) is { } changed)
        {
            return changed;
        }

        var next = current.Next!.Reminded();
        if (stored.Value.Password!.ReminderSentAt is not null)
        {
            return new(PasswordRotationStep.AlreadyReminded, next);
        }

        // Email first, then the mark: a process dying in between sends the reminder twice rather than never.
        var user = stored.Value;
        if (user.Email is not null)
        {
            await email.SendAsync(EmailTemplates.PasswordExpiryReminder(user, plan.ExpiresAt, settings.PublicBaseUrl), cancellationToken);
        }

        var outcome = user.Email is null ? PasswordRotationStep.NoEmail : PasswordRotationStep.ReminderSent;
        var details = new Dictionary<string, string> { ["expiresAt"] = plan.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) };
        await updater.UpdateAsync(stored, u =>
        {
            var now = time.GetUtcNow();
            return u.Password is { ReminderSentAt: null } password && password.ChangedAt == plan.ChangedAt
                ? new UserChange(u with { Password = password with { ReminderSentAt = now } },
                    [AuditEvent.Create(AuditAction.PasswordExpiryReminderSent, RequestContext.System, now, outcome, details)])
                : UserChange.None(u);
        }, cancellationToken);
        return new(outcome, next);
    }

    /// <summary>The expiry of <paramref name="plan"/> is due: mark the password expired (once) unless the plan no longer stands.</summary>
    public async Task<PasswordRotationStep> ExpireAsync(PasswordRotationPlan plan, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(plan.UserId, cancellationToken);
        if (stored is null)
        {
            return new(PasswordRotationStep.UserGone, null);
        }

        var current = await CurrentAsync(stored.Value, cancellationToken);
        if (current.Next is not { } next)
        {
            return current;
        }

        if (next.ChangedAt != plan.ChangedAt)
        {
            return new(PasswordRotationStep.PasswordChanged, next);
        }

        if (next.ExpiresAt > time.GetUtcNow())
        {
            // A timer a moment early, or a policy that now allows longer: wait again.
            return new(next.ExpiresAt == plan.ExpiresAt ? PasswordRotationStep.NotYet : PasswordRotationStep.PolicyChanged, next);
        }

        await updater.UpdateAsync(stored, user =>
        {
            var now = time.GetUtcNow();
            return user.Password is { ExpiredAt: null } password && password.ChangedAt == plan.ChangedAt
                ? new UserChange(user with { Password = password with { ExpiredAt = now } },
                    [AuditEvent.Create(AuditAction.PasswordExpired, RequestContext.System, now, "max_age_reached")])
                : UserChange.None(user);
        }, cancellationToken);
        return new(PasswordRotationStep.Expired, null);
    }

    /// <summary>Why <paramref name="plan"/> no longer stands, with what to do instead; null when it still does.</summary>
    private static PasswordRotationStep? Changed(PasswordRotationStep current, PasswordRotationPlan plan) =>
        current.Next switch
        {
            null => current,
            { } next when next.ChangedAt != plan.ChangedAt => new(PasswordRotationStep.PasswordChanged, next),
            { } next when next.ExpiresAt != plan.ExpiresAt => new(PasswordRotationStep.PolicyChanged, next),
            _ => null,
        };

    private async Task<PasswordRotationStep> CurrentAsync(User user, CancellationToken cancellationToken)
    {
        if (user.Password is not { } password)
        {
            return new(PasswordRotationStep.NoPassword, null);
        }

        var policy = PasswordPolicy.For(
            await organizations.GetManyAsync(user.Memberships.Select(m => m.OrganizationId), cancellationToken), settings, user.TwoFactor.IsEnrolled);
        if (policy.MaxAge is not { } maxAge)
        {
            return new(PasswordRotationStep.RotationOff, null);
        }

        var expiresAt = password.ChangedAt + maxAge;
        var remindAt = expiresAt - policy.ReminderLead;
        var remind = policy.ReminderLead > TimeSpan.Zero && password.ReminderSentAt is null && remindAt > time.GetUtcNow();
        return new(PasswordRotationStep.Rotating, new PasswordRotationPlan(user.Id, password.ChangedAt, remind ? remindAt : null, expiresAt));
    }
}
