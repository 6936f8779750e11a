namespace AccountAccess.Core.Workflows;

/// <summary>
/// A durable workflow: a state machine whose steps the <see cref="WorkflowRuntime"/> runs when their timer falls due
/// or an event arrives. Steps may be delivered more than once (queues are at-least-once), so they must be idempotent.
/// </summary>
public interface IWorkflow
{
    /// <summary>The workflow's name, as stored and as timers carry it.</summary>
    string Name { get; }

    /// <summary>The first step, from the start input. A start on a running instance restarts it (its timers are then dropped).</summary>
    Task<WorkflowNext> StartAsync(string instanceId, string input, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The current step's time has come.</summary>
    Task<WorkflowNext> OnDueAsync(WorkflowContext context, CancellationToken cancellationToken);

    /// <summary>Something happened that the workflow waits for (e.g. <c>used</c>).</summary>
    Task<WorkflowNext> OnEventAsync(WorkflowContext context, string eventName, CancellationToken cancellationToken);
}
