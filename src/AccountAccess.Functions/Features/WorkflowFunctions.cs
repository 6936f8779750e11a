using AccountAccess.Core.Errors;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Orchestrations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>
/// The operator's view of the workflows — the Durable Functions orchestrations of the task hub, read through the
/// <c>[DurableClient]</c> binding's <see cref="DurableTaskClient"/> — by workflow name and the id each is about (a user,
/// an organization): status, step, due time, outcome or failure. Terminating, purging or rewinding an instance is done
/// with the usual Durable Functions tools (README, "Durable workflows").
/// </summary>
public sealed class WorkflowFunctions
{
    /// <summary>The most instances one list reads from the task hub.</summary>
    private const int MaxScanned = 50_000;

    /// <summary><c>?workflow=&amp;status=&amp;max=</c>: instances, newest first.</summary>
    [Function(nameof(ListWorkflows))]
    [RequiresOperator]
    public async Task<Results<Ok<WorkflowListResponse>, ApiError>> ListWorkflows(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows")] HttpRequest req,
        [DurableClient] DurableTaskClient orchestrations,
        CancellationToken cancellationToken)
    {
        var workflow = default(string);
        var status = default(string);
        var max = default(int?);
        if ((QueryValue.Single(req, "workflow", out workflow) ?? QueryValue.Single(req, "status", out status) ?? QueryValue.Integer(req, "max", out max)) is { } bad)
        {
            return bad;
        }

        if (workflow is not null && !DurableWorkflows.InstancePrefixes.ContainsKey(workflow))
        {
            return ApiError.InvalidField("workflow", "one of " + string.Join(", ", DurableWorkflows.InstancePrefixes.Keys));
        }

        var statuses = Enum.GetValues<OrchestrationRuntimeStatus>().Select(r => r.ToSnakeCase()).ToList();
        if (status is not null && !statuses.Contains(status))
        {
            return ApiError.InvalidField("status", "one of " + string.Join(", ", statuses));
        }

        if (max is < 1 or > 1000)
        {
            return ApiError.InvalidField("max", "between 1 and 1000");
        }

        // The task hub lists instances by id, not by date: read them all (inputs only for the ones kept) and keep the
        // newest. MaxScanned bounds the work on a hub that was never purged; the README says to purge.
        var limit = max ?? 100;
        var newest = new List<(string Workflow, string Prefix, OrchestrationMetadata Instance)>();
        var scanned = 0;
        foreach (var (name, prefix) in DurableWorkflows.InstancePrefixes.Where(p => workflow is null || p.Key == workflow))
        {
            var query = new OrchestrationQuery
            {
                InstanceIdPrefix = prefix,
                Statuses = Enum.GetValues<OrchestrationRuntimeStatus>().Where(r => status is null || r.ToSnakeCase() == status).ToList(),
                PageSize = 1000,
            };
            await foreach (var instance in orchestrations.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                newest.Add((name, prefix, instance));
                if (newest.Count > 2 * limit)
                {
                    newest = newest.OrderByDescending(i => i.Instance.CreatedAt).Take(limit).ToList();
                }

                if (++scanned >= MaxScanned)
                {
                    break;
                }
            }
        }

        var listed = new List<WorkflowResponse>();
        foreach (var (name, prefix, instance) in newest.OrderByDescending(i => i.Instance.CreatedAt).Take(limit))
        {
            var full = await orchestrations.GetInstanceAsync(instance.InstanceId, getInputsAndOutputs: true, cancellationToken) ?? instance;
            listed.Add(WorkflowResponse.From(name, instance.InstanceId[prefix.Length..], full));
        }

        return TypedResults.Ok(new WorkflowListResponse(listed));
    }

    [Function(nameof(GetWorkflow))]
    [RequiresOperator]
    public async Task<Results<Ok<WorkflowResponse>, ApiError>> GetWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows/{workflow}/{instanceId}")] HttpRequest req,
        [DurableClient] DurableTaskClient orchestrations,
        string workflow,
        string instanceId,
        CancellationToken cancellationToken)
    {
        if (DurableWorkflows.InstancePrefixes.TryGetValue(workflow, out var prefix))
        {
            var orchestration = await orchestrations.GetInstanceAsync(prefix + instanceId, getInputsAndOutputs: true, cancellationToken);
            return orchestration is null ? ApiError.Of(ErrorCode.NotFound) : TypedResults.Ok(WorkflowResponse.From(workflow, instanceId, orchestration));
        }

        return ApiError.Of(ErrorCode.NotFound);
    }
}
