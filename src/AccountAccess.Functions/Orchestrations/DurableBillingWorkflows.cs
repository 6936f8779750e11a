using System.Globalization;
using System.Text.Json;
using AccountAccess.Core.Billing;
using AccountAccess.Functions.Durable;
using AccountAccess.Functions.Orchestrations.BillingReactivations;
using AccountAccess.Functions.Orchestrations.BillingSuspensionNotices;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Orchestrations;

/// <summary>
/// Core's <see cref="IBillingWorkflows"/> as the starter of the billing orchestrations: a suspension notice per
/// suspension (started once: an instance that exists is left alone, unless it failed), and one reactivation delay per
/// organization (started, or given its new end or its cancellation as an event). Through the invocation's
/// <c>[DurableClient]</c> (<see cref="BoundDurableClient"/>).
/// </summary>
public sealed class DurableBillingWorkflows(BoundDurableClient durable) : IBillingWorkflows
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
        if (await durable.Client.GetInstanceAsync(instanceId, cancellationToken) is { RuntimeStatus: not OrchestrationRuntimeStatus.Failed })
        {
            return;
        }

        try
        {
            await durable.Client.ScheduleNewOrchestrationInstanceAsync(BillingSuspensionNoticeOrchestrator.Name, new SuspensionBegan(organizationId, suspendedSince),
                new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (RpcException refused) when (refused.StatusCode == StatusCode.AlreadyExists)
        {
            // Started by a concurrent delivery of the same event.
        }
    }

    public async Task<DateTimeOffset?> PendingReactivationAsync(string organizationId, CancellationToken cancellationToken) =>
        await durable.Client.GetInstanceAsync(ReactivationIdFor(organizationId), getInputsAndOutputs: true, cancellationToken) is
            { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended } instance
            ? instance.ReadInputAs<ReactivationScheduled>()?.DueAt
            : null;

    public Task ScheduleReactivationAsync(string organizationId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        durable.Client.StartOrRaiseAsync(BillingReactivationOrchestrator.Name, ReactivationIdFor(organizationId), new ReactivationScheduled(organizationId, dueAt),
            ReactivationScheduled.EventName, cancellationToken);

    public Task CancelReactivationAsync(string organizationId, CancellationToken cancellationToken) =>
        durable.Client.RaiseEventAsync(ReactivationIdFor(organizationId), ReactivationCancelled.EventName, new ReactivationCancelled(organizationId), cancellationToken);
}
