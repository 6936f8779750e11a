using System.Globalization;
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
/// with the usual Durable Functions tools (docs/operator.md, "Durable workflows").
/// </summary>
public sealed class WorkflowFunctions
{
    /// <summary>How many instances one page of the task hub's query brings, inputs and outputs included.</summary>
    private const int QueryPageSize = 100;

    /// <summary>
    /// <c>?workflow=&amp;status=&amp;since=&amp;max=</c>: instances, newest first. The task hub lists instances by id, not by
    /// date, so the list pages through the client's query (<see cref="QueryPageSize"/> at a time, inputs and outputs in
    /// the same pages, keeping only the newest <c>max</c>); <c>since</c> (an ISO 8601 time) lets the store skip older
    /// instances, and purging ended ones keeps the hub small (docs/operator.md, "Durable workflows").
    /// </summary>
    [Function(nameof(ListWorkflows))]
    [OpenApiOperation("List durable workflows by kind, status and start time")]
    [RequiresOperator]
    public async Task<Results<Ok<WorkflowListResponse>, ApiError>> ListWorkflows(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows")] HttpRequest req,
        [DurableClient] DurableTaskClient orchestrations,
        CancellationToken cancellationToken)
    {
        var workflow = default(string);
        var status = default(string);
        var since = default(string);
        var max = default(int?);
        if ((QueryValue.Single(req, "workflow", out workflow) ?? QueryValue.Single(req, "status", out status)
            ?? QueryValue.Single(req, "since", out since) ?? QueryValue.Integer(req, "max", out max)) is { } bad)
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

        var createdFrom = default(DateTimeOffset?);
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
            {
                return ApiError.InvalidField("since", "an ISO 8601 date and time");
            }

            createdFrom = from;
        }

        if (max is < 1 or > 1000)
        {
            return ApiError.InvalidField("max", "between 1 and 1000");
        }

        var limit = max ?? 100;
        var newest = new List<(string Workflow, string Prefix, OrchestrationMetadata Instance)>();
        foreach (var (name, prefix) in DurableWorkflows.InstancePrefixes.Where(p => workflow is null || p.Key == workflow))
        {
            var query = new OrchestrationQuery
            {
                InstanceIdPrefix = prefix,
                Statuses = Enum.GetValues<OrchestrationRuntimeStatus>().Where(r => status is null || r.ToSnakeCase() == status).ToList(),
                CreatedFrom = createdFrom,
                PageSize = QueryPageSize,
                FetchInputsAndOutputs = true,
            };
            await foreach (var page in orchestrations.GetAllInstancesAsync(query).AsPages(pageSizeHint: QueryPageSize).WithCancellation(cancellationToken))
            {
                newest = newest.Concat(page.Values.Select(instance => (Workflow: name, Prefix: prefix, Instance: instance)))
                    .OrderByDescending(i => i.Instance.CreatedAt).Take(limit).ToList();
            }
        }

        return TypedResults.Ok(new WorkflowListResponse(newest.Select(i => WorkflowResponse.From(i.Workflow, i.Instance.InstanceId[i.Prefix.Length..], i.Instance)).ToList()));
    }

    [Function(nameof(GetWorkflow))]
    [OpenApiOperation("Read one durable workflow instance")]
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
