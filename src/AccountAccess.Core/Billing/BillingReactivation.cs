using System.Globalization;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>
/// The end of a billing reactivation delay, as the reactivation orchestration's activity runs it: restores access and
/// emails the billing users, if the delay that ended is still the pending one (a new overdue invoice clears
/// <see cref="BillingState.ReactivationDueAt"/>, so a timer that slipped through restores nothing). Idempotent: run
/// again after restoring but before emailing (a process that died in between), it emails without restoring twice; run
/// again after emailing, it does neither.
/// </summary>
public sealed class BillingReactivation(IOrganizationStore organizations, BillingNotices notices, TimeProvider time)
{
    public const string Restored = "restored";
    public const string Cancelled = "cancelled";

    /// <summary><c>restored</c>, or <c>cancelled</c> when the delay no longer stands (or the organization is gone).</summary>
    public async Task<string> RestoreAsync(string organizationId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var restored = await OptimisticRetry.RunAsync(async ct =>
        {
            var current = await organizations.GetAsync(organizationId, ct);
            if (current is null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var decision = BillingRules.Reactivate(current.Value.Billing, dueAt, now);
            if (decision.Transition != BillingTransition.Restored)
            {
                // Already restored by an earlier run of this step (which may have died before emailing): email again.
                return current.Value.Billing is { Suspended: false, RestoredAt: { } at } && at >= dueAt ? current.Value : null;
            }

            var details = new Dictionary<string, string> { ["dueAt"] = dueAt.ToString("O", CultureInfo.InvariantCulture) };
            var updated = current.Value with { Billing = decision.State };
            var saved = await organizations.SaveAsync(current, updated,
                [AuditEvent.Create(AuditAction.OrganizationRestored, RequestContext.System, now, "billing", details)], ct);
            return saved.Value;
        }, time, cancellationToken);

        if (restored is null)
        {
            return Cancelled;
        }

        if (restored.Billing.RestorationNoticeFor is { } noticed && noticed == restored.Billing.RestoredAt)
        {
            // Run again after the email went out too (the engine had not recorded the step's completion): not twice.
            return Restored;
        }

        await notices.SendAsync(restored, BillingNoticeKind.Restored, cancellationToken);
        return Restored;
    }
}
