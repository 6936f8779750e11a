using AccountAccess.Core.Errors;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Orchestrations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Functions;

/// <summary>
/// The operator's view of the workflows — the Durable Functions orchestrations of the task hub, read through the
/// <c>[DurableClient]</c> binding's <see cref="DurableTaskClient"/> — by workflow name and the id each is about (a user,
/// an organization): status, step, due time, outcome or failure. Terminating, purging or rewinding an instance is done
/// with the usual Durable Functions tools (README, "Durable workflows").
/// </summary>
public sealed class WorkflowFunctions
{
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

        var limit = max ?? 100;
        var listed = new List<WorkflowResponse>();
        foreach (var (name, prefix) in DurableWorkflows.InstancePrefixes.Where(p => workflow is null || p.Key == workflow))
        {
            var query = new OrchestrationQuery
            {
                InstanceIdPrefix = prefix,
                Statuses = Enum.GetValues<OrchestrationRuntimeStatus>().Where(r => status is null || r.ToSnakeCase() == status).ToList(),
                FetchInputsAndOutputs = true,
                PageSize = 1000,
            };
            await foreach (var instance in orchestrations.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                listed.Add(WorkflowResponse.From(name, instance.InstanceId[prefix.Length..], instance));
                if (listed.Count >= 10 * limit)
                {
                    break;
                }
            }
        }

        return TypedResults.Ok(new WorkflowListResponse(listed.OrderByDescending(i => i.CreatedAt).Take(limit).ToList()));
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
