using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>
/// Makes the billing workflows match an organization's billing state: a notice for the current suspension, and a
/// reactivation delay for the pending one (or none). Idempotent, and run after every billing event, replays included:
/// if a process dies after saving a state but before starting its workflow, the billing system's retry of the same
/// event (which it sends because it never got our 200) starts it.
/// </summary>
public sealed class BillingFollowUp(IBillingWorkflows workflows)
{
    public async Task EnsureAsync(Organization organization, CancellationToken cancellationToken)
    {
        var billing = organization.Billing;
        if (billing.SuspendedSince is { } since)
        {
            await workflows.NotifySuspensionAsync(organization.Id, since, cancellationToken);
        }

        var pending = await workflows.PendingReactivationAsync(organization.Id, cancellationToken);
        if (billing.ReactivationDueAt is { } dueAt)
        {
            if (pending != dueAt)
            {
                await workflows.ScheduleReactivationAsync(organization.Id, dueAt, cancellationToken);
            }
        }
        else if (pending is not null && billing.Suspended)
        {
            // Cancel a running delay only while access is still suspended: once access is back, a running delay is the
            // one that restored it and has yet to email (a crash in between), which its activity's next run does.
            await workflows.CancelReactivationAsync(organization.Id, cancellationToken);
        }
    }
}
