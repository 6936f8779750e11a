using AccountAccess.Core.Billing;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Orchestrations.BillingSuspensionNotices;

/// <summary>The suspension-notice orchestration's activity, <c>SendBillingSuspensionNotice</c>: Core's <see cref="BillingSuspensionNotice"/>.</summary>
public sealed class BillingSuspensionNoticeActivities(BillingSuspensionNotice notice)
{
    [Function(nameof(SendBillingSuspensionNotice))]
    public Task<string> SendBillingSuspensionNotice([ActivityTrigger] SuspensionBegan suspension, CancellationToken cancellationToken) =>
        notice.SendAsync(suspension.OrganizationId, suspension.SuspendedSince, cancellationToken);
}
