using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AccountAccess.Functions.Orchestrations.BillingSuspensionNotices;

/// <summary>
/// Emails a billing suspension (one instance per suspension,
/// <c>billing-suspension-notice:{organizationId}_{ticks of the suspension's start}</c>), started with the suspension
/// so the email survives a process dying after it was saved: one activity, retried with backoff while email cannot be
/// sent (for about half an hour); past that the instance fails, for an operator to see, and the billing system's next
/// retry of the event starts it again.
/// </summary>
public static class BillingSuspensionNoticeOrchestrator
{
    /// <summary>The orchestration's name, as operators see it (<c>GET /api/workflows/BillingSuspensionNotice/{organizationId}_{ticks}</c>).</summary>
    public const string Name = "BillingSuspensionNotice";

    /// <summary>Ten attempts: 5 s after the first failure, then twice as long each time, at most 10 minutes apart (about 30 minutes in all).</summary>
    public static TaskOptions Retry { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 10, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(10)));

    [Function(Name)]
    public static Task<string> BillingSuspensionNotice([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var suspension = context.GetInput<SuspensionBegan>()
            ?? throw new InvalidOperationException($"{context.InstanceId} was started without its suspension.");
        return context.CallActivityAsync<string>(nameof(BillingSuspensionNoticeActivities.SendBillingSuspensionNotice), suspension, Retry);
    }
}
