using AccountAccess.Core.Errors;
using AccountAccess.Core.Workflows;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Orchestrations;
using AccountAccess.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Functions;

/// <summary>
/// The operator's view of workflow instances (status, step, due time, outcome, error) — Durable Functions orchestrations
/// from the task hub, and the instances of the older workflow runtime — and that runtime's own functions: the queue
/// function that runs due steps and the sweep that re-sends lost timers.
/// </summary>
public sealed class WorkflowFunctions(WorkflowRuntime runtime, IWorkflowStore store, Durable.TaskHubClient orchestrations, ILogger<WorkflowFunctions> logger)
{
    [Function(nameof(WorkflowTimer))]
    public async Task WorkflowTimer(
        [QueueTrigger(StorageQueues.WorkflowTimers, Connection = Hosting.AppSettingDefaults.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        var timer = QueueDurableTimers.Parse(message.MessageText);
        var outcome = await runtime.HandleTimerAsync(timer, (int)message.DequeueCount, cancellationToken);
        if (outcome == TimerOutcome.Busy)
        {
            // Another delivery holds the step: fail this one so the queue delivers it again later.
            throw new InvalidOperationException($"Step {timer.StepId} of {timer.Workflow}/{timer.InstanceId} is being run by another delivery.");
        }
    }

    /// <summary>Every <c>Workflows:SweepSchedule</c> (a minute): re-sends the timers of instances overdue past the grace.</summary>
    [Function(nameof(WorkflowSweep))]
    public async Task WorkflowSweep([TimerTrigger("%Workflows:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var sent = await runtime.SweepAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogWarning("{Function} re-sent {Count} lost workflow timer(s)", nameof(WorkflowSweep), sent);
        }
    }

    /// <summary><c>?workflow=&amp;status=&amp;max=</c>: instances, newest first.</summary>
    [Function(nameof(ListWorkflows))]
    [RequiresOperator]
    public async Task<Results<Ok<WorkflowListResponse>, ApiError>> ListWorkflows(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var workflow = default(string);
        var status = default(string);
        var max = default(int?);
        if ((QueryValue.Single(req, "workflow", out workflow) ?? QueryValue.Single(req, "status", out status) ?? QueryValue.Integer(req, "max", out max)) is { } bad)
        {
            return bad;
        }

        var statuses = Enum.GetValues<OrchestrationRuntimeStatus>().Select(r => r.ToSnakeCase()).Concat(Enum.GetValues<WorkflowStatus>().Select(w => w.ToSnakeCase())).Distinct().ToList();
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
        var runtimeStatus = Enum.GetValues<WorkflowStatus>().Cast<WorkflowStatus?>().FirstOrDefault(w => w!.Value.ToSnakeCase() == status);
        if (workflow is null || !DurableWorkflows.InstancePrefixes.ContainsKey(workflow))
        {
            if (status is null || runtimeStatus is not null)
            {
                listed.AddRange((await store.ListAsync(workflow, runtimeStatus, limit, cancellationToken)).Select(WorkflowResponse.From));
            }
        }

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
        string workflow,
        string instanceId,
        CancellationToken cancellationToken)
    {
        if (DurableWorkflows.InstancePrefixes.TryGetValue(workflow, out var prefix))
        {
            var orchestration = await orchestrations.GetInstanceAsync(prefix + instanceId, getInputsAndOutputs: true, cancellationToken);
            return orchestration is null ? ApiError.Of(ErrorCode.NotFound) : TypedResults.Ok(WorkflowResponse.From(workflow, instanceId, orchestration));
        }

        var instance = await store.GetAsync(workflow, instanceId, cancellationToken);
        return instance is null ? ApiError.Of(ErrorCode.NotFound) : TypedResults.Ok(WorkflowResponse.From(instance.Value));
    }
}
