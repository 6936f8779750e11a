using System.Collections.Concurrent;
using AccountAccess.Core.Workflows;

namespace WorkflowTimers;

/// <summary>
/// Bench-only workflow <c>BenchTimer</c>: starts waiting until <see cref="DueAt"/>, and when due records the run
/// (how many times each instance ran, and when it first ran) and completes with outcome <c>ran</c>.
/// </summary>
internal sealed class CountingWorkflow(TimeProvider time) : IWorkflow
{
    public const string WorkflowName = "BenchTimer";

    public string Name => WorkflowName;

    /// <summary>The instant every instance started from now on falls due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Runs per instance id: more than 1 is a step run twice.</summary>
    public ConcurrentDictionary<string, int> Runs { get; } = new();

    /// <summary>When each instance first ran (wall clock).</summary>
    public ConcurrentDictionary<string, DateTimeOffset> FirstRunAt { get; } = new();

    public Task<WorkflowNext> StartAsync(string instanceId, string input, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<WorkflowNext>(new WorkflowNext.Wait("due", DueAt, "{}"));

    public Task<WorkflowNext> OnDueAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Runs.AddOrUpdate(context.InstanceId, 1, (_, count) => count + 1);
        FirstRunAt.TryAdd(context.InstanceId, now);
        return Task.FromResult<WorkflowNext>(new WorkflowNext.Complete("ran", "{}"));
    }

    public Task<WorkflowNext> OnEventAsync(WorkflowContext context, string eventName, CancellationToken cancellationToken) =>
        Task.FromResult<WorkflowNext>(new WorkflowNext.Wait(context.Step, DueAt, context.State));
}
