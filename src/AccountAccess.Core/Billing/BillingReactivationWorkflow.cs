using System.Text.Json;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Billing;

/// <summary>
/// The billing reactivation delay, one instance per organization: started when payments bring the overdue invoices
/// below two, it waits <c>Billing:ReactivationDelay</c>, then restores access and emails the billing users. A new
/// overdue invoice during the delay clears <see cref="BillingState.ReactivationDueAt"/> and restarts this workflow
/// with no due time, which drops the pending timer; even a timer that slipped through restores nothing, because the
/// step checks that its delay is still the pending one.
/// </summary>
public sealed class BillingReactivationWorkflow(IOrganizationStore organizations, BillingNotices notices, TimeProvider time) : IWorkflow
{
    public const string WorkflowName = "BillingReactivation";

    private const string ReactivateStep = "reactivate";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => WorkflowName;

    /// <summary>The start input: restore at <paramref name="dueAt"/>, or (null) cancel the pending delay.</summary>
    public static string Input(DateTimeOffset? dueAt) => JsonSerializer.Serialize(new ReactivationState(dueAt), Json);

    /// <summary>When a running instance will restore access.</summary>
    public static DateTimeOffset? DueAtOf(WorkflowInstance instance) =>
        instance.Status == WorkflowStatus.Running ? JsonSerializer.Deserialize<ReactivationState>(instance.State, Json)?.DueAt : null;

    public Task<WorkflowNext> StartAsync(string instanceId, string input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = JsonSerializer.Deserialize<ReactivationState>(input, Json)!;
        return Task.FromResult<WorkflowNext>(state.DueAt is { } dueAt
            ? new WorkflowNext.Wait(ReactivateStep, dueAt, input)
            : new WorkflowNext.Complete("cancelled", input));
    }

    public async Task<WorkflowNext> OnDueAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var dueAt = JsonSerializer.Deserialize<ReactivationState>(context.State, Json)!.DueAt!.Value;
        var restored = await OptimisticRetry.RunAsync(async ct =>
        {
            var current = await organizations.GetAsync(context.InstanceId, ct);
            if (current is null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var decision = BillingRules.Reactivate(current.Value.Billing, dueAt, now);
            if (decision.Transition != BillingTransition.Restored)
            {
                // Already restored by an earlier delivery of this step (which may have died before emailing): email again.
                return current.Value.Billing is { Suspended: false, RestoredAt: { } at } && at >= dueAt ? current.Value : null;
            }

            var details = new Dictionary<string, string> { ["dueAt"] = dueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
            var updated = current.Value with { Billing = decision.State };
            var saved = await organizations.SaveAsync(current, updated,
                [AuditEvent.Create(AuditAction.OrganizationRestored, RequestContext.System, now, "billing", details)], ct);
            return saved.Value;
        }, time, cancellationToken);

        if (restored is null)
        {
            return new WorkflowNext.Complete("cancelled", context.State);
        }

        await notices.SendAsync(restored, BillingNoticeKind.Restored, cancellationToken);
        return new WorkflowNext.Complete("restored", context.State);
    }

    public Task<WorkflowNext> OnEventAsync(WorkflowContext context, string eventName, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{WorkflowName} takes no events; restart it instead.");

    private sealed record ReactivationState(DateTimeOffset? DueAt);
}
