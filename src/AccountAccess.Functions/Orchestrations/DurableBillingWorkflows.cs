using System.Globalization;
using System.Text.Json;
using AccountAccess.Core.Billing;
using AccountAccess.Functions.Durable;
using AccountAccess.Functions.Orchestrations.BillingReactivations;
using AccountAccess.Functions.Orchestrations.BillingSuspensionNotices;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Orchestrations;

/// <summary>
/// Core's <see cref="IBillingWorkflows"/> as the starter of the billing orchestrations: a suspension notice per
/// suspension (started once: an instance that exists is left alone, unless it failed), and one reactivation delay per
/// organization (started, or given its new end or its cancellation as an event).
/// </summary>
public sealed class DurableBillingWorkflows(TaskHubClient client) : IBillingWorkflows
{
    public const string ReactivationPrefix = "billing-reactivation:";
    public const string SuspensionNoticePrefix = "billing-suspension-notice:";

    public static string ReactivationIdFor(string organizationId) => ReactivationPrefix + organizationId;

    /// <summary>The public id of a suspension's notice (<c>{organizationId}_{ticks}</c>), as operators ask for it.</summary>
    public static string SuspensionNoticeKey(string organizationId, DateTimeOffset suspendedSince) =>
        organizationId + "_" + suspendedSince.UtcTicks.ToString(CultureInfo.InvariantCulture);

    public async Task NotifySuspensionAsync(string organizationId, DateTimeOffset suspendedSince, CancellationToken cancellationToken)
    {
        var instanceId = SuspensionNoticePrefix + SuspensionNoticeKey(organizationId, suspendedSince);
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is { RuntimeStatus: not OrchestrationRuntimeStatus.Failed })
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(BillingSuspensionNoticeOrchestrator.Name, new SuspensionBegan(organizationId, suspendedSince),
                new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Started by a concurrent delivery of the same event.
        }
    }

    public async Task<DateTimeOffset?> PendingReactivationAsync(string organizationId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(ReactivationIdFor(organizationId), getInputsAndOutputs: true, cancellationToken) is
            { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended } instance
            ? instance.ReadInputAs<ReactivationScheduled>()?.DueAt
            : null;

    public Task ScheduleReactivationAsync(string organizationId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        client.StartOrRaiseAsync(BillingReactivationOrchestrator.Name, ReactivationIdFor(organizationId), new ReactivationScheduled(organizationId, dueAt),
            ReactivationScheduled.EventName, cancellationToken);

    public Task CancelReactivationAsync(string organizationId, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(ReactivationIdFor(organizationId), ReactivationCancelled.EventName, new ReactivationCancelled(organizationId), cancellationToken);
}
