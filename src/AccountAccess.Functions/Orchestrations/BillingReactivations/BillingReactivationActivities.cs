using AccountAccess.Core.Billing;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Orchestrations.BillingReactivations;

/// <summary>The reactivation orchestration's activity, <c>RestoreBillingAccess</c>: Core's <see cref="BillingReactivation"/>, idempotent.</summary>
public sealed class BillingReactivationActivities(BillingReactivation reactivation)
{
    [Function(nameof(RestoreBillingAccess))]
    public Task<string> RestoreBillingAccess([ActivityTrigger] ReactivationScheduled delay, CancellationToken cancellationToken) =>
        reactivation.RestoreAsync(delay.OrganizationId, delay.DueAt, cancellationToken);
}
