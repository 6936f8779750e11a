namespace AccountAccess.Core.Workflows;

/// <summary>
/// One durable workflow instance as stored: which workflow, which instance (e.g. a user id), the current step and the
/// id that step was given (a timer set by an earlier step carries an older id and is dropped), when it is due, its
/// state (JSON owned by the workflow), and its outcome or error.
/// </summary>
public sealed record WorkflowInstance
{
    public required string Workflow { get; init; }

    public required string InstanceId { get; init; }

    public WorkflowStatus Status { get; init; } = WorkflowStatus.Running;

    /// <summary>The current step's name (e.g. <c>remind</c>, <c>expire</c>).</summary>
    public required string Step { get; init; }

    /// <summary>Random per step: what durable timers carry to prove they were set by the current step.</summary>
    public required string StepId { get; init; }

    /// <summary>When the current step's timer falls due; null when it waits only for an event.</summary>
    public DateTimeOffset? DueAt { get; init; }

    public string State { get; init; } = "{}";

    /// <summary>How it ended (<c>used</c>, <c>expired_unused</c>, …) once completed.</summary>
    public string? Outcome { get; init; }

    public string? Error { get; init; }

    /// <summary>A delivery working on the current step holds it until then, so a duplicate delivery does not run it twice.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
