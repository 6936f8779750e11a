using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Reactivation = AccountAccess.Core.Billing.BillingReactivation;

namespace AccountAccess.Functions.Orchestrations.BillingReactivations;

/// <summary>
/// The billing reactivation delay (one instance per organization, <c>billing-reactivation:{organizationId}</c>):
/// waits until the delay ends (<c>Billing:ReactivationDelay</c>, at most 48 hours) — a durable timer raced against a
/// cancellation (a new overdue invoice) and a new end (<c>ContinueAsNew</c>) — then has access restored and the billing
/// users emailed by an activity, which checks again that this delay is still the pending one. Deterministic: time only
/// from the context, I/O only in the activity.
/// </summary>
public static class BillingReactivationOrchestrator
{
    /// <summary>The orchestration's name, as operators see it (<c>GET /api/workflows/BillingReactivation/{organizationId}</c>).</summary>
    public const string Name = "BillingReactivation";

    [Function(Name)]
    public static async Task<string> BillingReactivation([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var delay = context.GetInput<ReactivationScheduled>()
            ?? throw new InvalidOperationException($"{context.InstanceId} was started without its delay.");
        context.SetCustomStatus(new BillingReactivationStatus(BillingReactivationStatus.ReactivateStep, delay.DueAt));

        using var timer = new CancellationTokenSource();
        var due = context.CreateTimer(delay.DueAt.UtcDateTime, timer.Token);
        var cancelled = context.WaitForExternalEvent<ReactivationCancelled>(ReactivationCancelled.EventName);
        var rescheduled = context.WaitForExternalEvent<ReactivationScheduled>(ReactivationScheduled.EventName);
        var first = await Task.WhenAny(due, cancelled, rescheduled);
        if (first != due)
        {
            // An orchestration does not end while a timer is pending.
            timer.Cancel();
        }

        if (first == rescheduled)
        {
            context.ContinueAsNew(await rescheduled);
            return Reactivation.Cancelled;
        }

        if (first == cancelled)
        {
            return Reactivation.Cancelled;
        }

        return await context.CallActivityAsync<string>(nameof(BillingReactivationActivities.RestoreBillingAccess), delay);
    }
}
