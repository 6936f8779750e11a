using System.Text.Json;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Passwords.Rotation;

/// <summary>
/// Password rotation (PCI DSS 8.3.9: at most every 90 days), one instance per user, restarted by every password change
/// (which drops the previous password's timers): a reminder email <c>passwordExpiryReminderDays</c> before expiry, then
/// at expiry the password is marked expired and sign-in answers <c>password_change_required</c> / <c>expired</c>.
/// <c>passwordMaxAgeDays: 0</c> ends it at once.
/// </summary>
public sealed class PasswordRotationWorkflow(
    IUserStore users,
    IOrganizationStore organizations,
    UserUpdater updater,
    IEmailSender email,
    PasswordSettings settings) : IWorkflow
{
    public const string WorkflowName = "PasswordRotation";

    private const string RemindStep = "remind";
    private const string ExpireStep = "expire";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => WorkflowName;

    public static string Input(StoredPassword password) => JsonSerializer.Serialize(new RotationState(password.ChangedAt, default), Json);

    public async Task<WorkflowNext> StartAsync(string instanceId, string input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changedAt = JsonSerializer.Deserialize<RotationState>(input, Json)!.ChangedAt;
        var user = await users.GetAsync(instanceId, cancellationToken);
        if (user?.Value.Password is null)
        {
            return new WorkflowNext.Complete("no_password", input);
        }

        var policy = await PolicyAsync(user.Value, cancellationToken);
        if (policy.MaxAge is not { } maxAge)
        {
            return new WorkflowNext.Complete("rotation_off", input);
        }

        var state = new RotationState(changedAt, changedAt + maxAge);
        var remindAt = state.ExpiresAt - policy.ReminderLead;
        return policy.ReminderLead > TimeSpan.Zero && remindAt > now
            ? new WorkflowNext.Wait(RemindStep, remindAt, Serialize(state))
            : new WorkflowNext.Wait(ExpireStep, state.ExpiresAt, Serialize(state));
    }

    public async Task<WorkflowNext> OnDueAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var state = JsonSerializer.Deserialize<RotationState>(context.State, Json)!;
        var stored = await users.GetAsync(context.InstanceId, cancellationToken);
        if (stored?.Value.Password is not { } password || password.ChangedAt != state.ChangedAt)
        {
            return new WorkflowNext.Complete("password_changed", context.State);
        }

        if (context.Step == RemindStep)
        {
            if (stored.Value.Email is not null)
            {
                await email.SendAsync(EmailTemplates.PasswordExpiryReminder(stored.Value, state.ExpiresAt, settings.PublicBaseUrl), cancellationToken);
            }

            var details = new Dictionary<string, string> { ["expiresAt"] = state.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
            var reason = stored.Value.Email is null ? "no_email" : "sent";
            await updater.UpdateAsync(stored, user => new UserChange(user,
                [AuditEvent.Create(AuditAction.PasswordExpiryReminderSent, RequestContext.System, context.Now, reason, details)]), cancellationToken);
            return new WorkflowNext.Wait(ExpireStep, state.ExpiresAt, context.State);
        }

        await updater.UpdateAsync(stored, user =>
            user.Password is { ExpiredAt: null } current && current.ChangedAt == state.ChangedAt
                ? new UserChange(user with { Password = current with { ExpiredAt = context.Now } },
                    [AuditEvent.Create(AuditAction.PasswordExpired, RequestContext.System, context.Now, "max_age_reached")])
                : UserChange.None(user), cancellationToken);
        return new WorkflowNext.Complete("expired", context.State);
    }

    public Task<WorkflowNext> OnEventAsync(WorkflowContext context, string eventName, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{WorkflowName} takes no events; restart it instead.");

    private async Task<PasswordPolicy> PolicyAsync(User user, CancellationToken cancellationToken) =>
        PasswordPolicy.For(await organizations.GetManyAsync(user.Memberships.Select(m => m.OrganizationId), cancellationToken), settings, user.TwoFactor.IsEnrolled);

    private static string Serialize(RotationState state) => JsonSerializer.Serialize(state, Json);

    private sealed record RotationState(DateTimeOffset ChangedAt, DateTimeOffset ExpiresAt);
}
