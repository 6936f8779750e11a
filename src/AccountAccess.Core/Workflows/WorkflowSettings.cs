namespace AccountAccess.Core.Workflows;

/// <summary>Service-wide settings of the workflow runtime (configuration <c>Workflows:*</c>).</summary>
public sealed record WorkflowSettings
{
    /// <summary>
    /// How long past its due time an instance may sit before the sweep sends its timer again (a process died between
    /// saving the step and sending the timer). Longer than a normal backlog, so the sweep does not duplicate work in
    /// flight. Defaults to five minutes.
    /// </summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a delivery holds a step while running it. Defaults to five minutes.</summary>
    public TimeSpan ClaimDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries of one timer before the instance is marked failed (and the host poisons the message). Defaults to 5.</summary>
    public int MaxDeliveries { get; init; } = 5;
}
