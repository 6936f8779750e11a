using AccountAccess.Core.Organizations;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Billing;

/// <summary>
/// Makes the workflows match an organization's billing state: a notice for the current suspension, and a reactivation
/// timer for the pending delay (or none). Idempotent, and run after every billing event, replays included: if a process
/// dies after saving a state but before starting its workflow, the billing system's retry of the same event (which it
/// sends because it never got our 200) starts it.
/// </summary>
public sealed class BillingFollowUp(WorkflowRuntime workflows)
{
    public async Task EnsureAsync(Organization organization, CancellationToken cancellationToken)
    {
        var billing = organization.Billing;
        if (billing.SuspendedSince is { } since)
        {
            var noticeId = BillingSuspensionNoticeWorkflow.InstanceFor(organization.Id, since);
            if (await workflows.GetAsync(BillingSuspensionNoticeWorkflow.WorkflowName, noticeId, cancellationToken) is null)
            {
                await workflows.StartAsync(BillingSuspensionNoticeWorkflow.WorkflowName, noticeId,
                    BillingSuspensionNoticeWorkflow.Input(organization.Id, since), cancellationToken);
            }
        }

        var reactivation = await workflows.GetAsync(BillingReactivationWorkflow.WorkflowName, organization.Id, cancellationToken);
        var pending = reactivation is null ? null : BillingReactivationWorkflow.DueAtOf(reactivation.Value);
        // Cancel a running delay only while access is still suspended: once access is back, a running instance is the
        // one that restored it and has yet to email (a crash in between), which its next delivery does.
        var cancel = billing.ReactivationDueAt is null && billing.Suspended && reactivation?.Value.Status == WorkflowStatus.Running;
        if (pending != billing.ReactivationDueAt && (billing.ReactivationDueAt is not null || cancel))
        {
            await workflows.StartAsync(BillingReactivationWorkflow.WorkflowName, organization.Id,
                BillingReactivationWorkflow.Input(billing.ReactivationDueAt), cancellationToken);
        }
    }
}
