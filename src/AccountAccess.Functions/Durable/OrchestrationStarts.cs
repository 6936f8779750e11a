using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Durable;

/// <summary>How the starters begin the orchestrations that follow one user or organization under a fixed instance id.</summary>
public static class OrchestrationStarts
{
    /// <summary>
    /// Starts <paramref name="orchestrator"/> as <paramref name="instanceId"/> with <paramref name="input"/>, or — when
    /// that instance runs already — raises <paramref name="eventName"/> to it with the same payload, for it to take the
    /// newer input in place of its own (each such orchestrator handles that event with <c>ContinueAsNew</c>). A start refused
    /// because the instance runs is what the host's durable client answers (gRPC <c>AlreadyExists</c>, as Durable
    /// Functions refuses to restart a running instance); the standalone host's client answers alike.
    /// </summary>
    public static async Task StartOrRaiseAsync(
        this DurableTaskClient client, TaskName orchestrator, string instanceId, object input, string eventName, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            await client.RaiseEventAsync(instanceId, eventName, input, cancellationToken);
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (RpcException refused) when (refused.StatusCode == StatusCode.AlreadyExists)
        {
            // Started by a concurrent request in between: hand it this input instead.
            await client.RaiseEventAsync(instanceId, eventName, input, cancellationToken);
        }
    }
}
