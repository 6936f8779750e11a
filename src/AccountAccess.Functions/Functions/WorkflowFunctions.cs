using AccountAccess.Core.Errors;
using AccountAccess.Core.Workflows;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Http;
using AccountAccess.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Functions;

/// <summary>
/// The durable workflow runtime's functions: the queue function that runs due steps, the sweep that re-sends lost
/// timers, and the operator's view of instances (status, step, due time, outcome, error).
/// </summary>
public sealed class WorkflowFunctions(WorkflowRuntime runtime, IWorkflowStore store, ILogger<WorkflowFunctions> logger)
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

        WorkflowStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.GetValues<WorkflowStatus>().Any(s => s.ToSnakeCase() == status))
            {
                return ApiError.InvalidField("status", "one of running, completed, failed");
            }

            wanted = Enum.GetValues<WorkflowStatus>().First(s => s.ToSnakeCase() == status);
        }

        if (max is < 1 or > 1000)
        {
            return ApiError.InvalidField("max", "between 1 and 1000");
        }

        var instances = await store.ListAsync(workflow, wanted, max ?? 100, cancellationToken);
        return TypedResults.Ok(new WorkflowListResponse(instances.Select(WorkflowResponse.From).ToList()));
    }

    [Function(nameof(GetWorkflow))]
    [RequiresOperator]
    public async Task<Results<Ok<WorkflowResponse>, ApiError>> GetWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows/{workflow}/{instanceId}")] HttpRequest req,
        string workflow,
        string instanceId,
        CancellationToken cancellationToken)
    {
        var instance = await store.GetAsync(workflow, instanceId, cancellationToken);
        return instance is null ? ApiError.Of(ErrorCode.NotFound) : TypedResults.Ok(WorkflowResponse.From(instance.Value));
    }
}
