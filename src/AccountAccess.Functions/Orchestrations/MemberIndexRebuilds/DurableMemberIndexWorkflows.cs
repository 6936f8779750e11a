using AccountAccess.Core.Members;
using AccountAccess.Functions.Durable;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>
/// Core's <see cref="IMemberIndexWorkflows"/> as the starter of <see cref="MemberIndexRebuildOrchestrator"/>: one instance
/// per scope, started unless one runs (asking twice while it runs joins it; a finished one is started afresh), through the
/// invocation's <c>[DurableClient]</c> (<see cref="BoundDurableClient"/>).
/// </summary>
public sealed class DurableMemberIndexWorkflows(BoundDurableClient durable) : IMemberIndexWorkflows
{
    public const string InstancePrefix = "member-index-rebuild:";

    public async Task<(string Id, bool Started)> StartRebuildAsync(MemberIndexRebuildRequest request, CancellationToken cancellationToken)
    {
        var instanceId = InstancePrefix + request.ScopeId;
        if (await durable.Client.GetInstanceAsync(instanceId, cancellationToken) is
            { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            return (request.ScopeId, false);
        }

        try
        {
            await durable.Client.ScheduleNewOrchestrationInstanceAsync(
                MemberIndexRebuildOrchestrator.Name, MemberIndexRebuildProgress.Start(request), new StartOrchestrationOptions(instanceId), cancellationToken);
            return (request.ScopeId, true);
        }
        catch (RpcException refused) when (refused.StatusCode == StatusCode.AlreadyExists)
        {
            // Started by a concurrent request in between.
            return (request.ScopeId, false);
        }
    }
}
