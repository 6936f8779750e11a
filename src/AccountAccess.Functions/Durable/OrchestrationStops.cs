using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Durable;

/// <summary>How the starters stop an orchestration whose subject is erased.</summary>
public static class OrchestrationStops
{
    /// <summary>
    /// Terminates <paramref name="instanceId"/> if it runs (it then ends as <c>terminated</c>, holding only ids), or
    /// purges it from the task hub if it has ended. Nothing happens for an id the hub does not know.
    /// </summary>
    public static async Task StopAndForgetAsync(this DurableTaskClient client, string instanceId, string reason, CancellationToken cancellationToken)
    {
        switch (await client.GetInstanceAsync(instanceId, cancellationToken))
        {
            case null:
                return;
            case { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended }:
                await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason }, cancellationToken);
                return;
            default:
                await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
                return;
        }
    }
}
