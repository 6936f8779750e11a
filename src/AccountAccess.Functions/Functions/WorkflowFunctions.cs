using System.Globalization;
using System.Text.Json;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Workflows;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using AccountAccess.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Functions;

/// <summary>
/// The durable workflow runtime's functions: the queue function that runs due steps, the sweep that re-sends lost
/// timers, and the operator's view of instances (status, step, due time, outcome, error).
/// </summary>
public static class WorkflowFunctions
{
    public const string WorkflowTimer = nameof(WorkflowTimer);
    public const string WorkflowSweep = nameof(WorkflowSweep);

    public static FunctionRegistry AddWorkflowFunctions(this FunctionRegistry registry, WorkflowOptions options) =>
        registry
            .AddQueue(WorkflowTimer, StorageQueues.WorkflowTimers, RunDueStepAsync)
            .AddTimer(WorkflowSweep, options.SweepSchedule, async (services, cancellationToken) =>
            {
                var sent = await services.GetRequiredService<WorkflowRuntime>().SweepAsync(cancellationToken);
                if (sent > 0)
                {
                    services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(WorkflowFunctions))
                        .LogWarning("{Function} re-sent {Count} lost workflow timer(s)", WorkflowSweep, sent);
                }
            });

    public static void MapWorkflowFunctions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/workflows").AddEndpointFilter<RequireOperatorFilter>();
        api.MapGet("", ListAsync).AsFunction("ListWorkflows");
        api.MapGet("/{workflow}/{instanceId}", GetAsync).AsFunction("GetWorkflow");
    }

    public static async Task<Results<Ok<WorkflowListResponse>, ApiError>> ListAsync(
        string? workflow, string? status, int? max, IWorkflowStore store, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<Ok<WorkflowResponse>, ApiError>> GetAsync(
        string workflow, string instanceId, IWorkflowStore store, CancellationToken cancellationToken)
    {
        var instance = await store.GetAsync(workflow, instanceId, cancellationToken);
        return instance is null ? ApiError.Of(ErrorCode.NotFound) : TypedResults.Ok(WorkflowResponse.From(instance.Value));
    }

    private static async Task RunDueStepAsync(IServiceProvider services, TriggerInvocation invocation, CancellationToken cancellationToken)
    {
        var timer = QueueDurableTimers.Parse(MessageText(invocation.Data));
        var outcome = await services.GetRequiredService<WorkflowRuntime>().HandleTimerAsync(timer, DequeueCount(invocation.Metadata), cancellationToken);
        if (outcome == TimerOutcome.Busy)
        {
            // Another delivery holds the step: fail this one so the queue delivers it again later.
            throw new InvalidOperationException($"Step {timer.StepId} of {timer.Workflow}/{timer.InstanceId} is being run by another delivery.");
        }
    }

    // The host passes the message under the binding's name: as a string, or as an object when the text is JSON.
    private static string MessageText(JsonElement data)
    {
        var message = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("message", out var m) ? m : data;
        return message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText();
    }

    private static int DequeueCount(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("DequeueCount", out var count))
        {
            return 1;
        }

        return count.ValueKind switch
        {
            JsonValueKind.Number => count.GetInt32(),
            JsonValueKind.String when int.TryParse(count.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 1,
        };
    }
}
