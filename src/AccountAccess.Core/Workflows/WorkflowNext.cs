namespace AccountAccess.Core.Workflows;

/// <summary>What a workflow does after a step: wait for a time (or only an event), or end with an outcome.</summary>
public abstract record WorkflowNext(string State)
{
    /// <summary>Go to <paramref name="Step"/>, due at <paramref name="DueAt"/> (null: only an event moves it on).</summary>
    public sealed record Wait(string Step, DateTimeOffset? DueAt, string State) : WorkflowNext(State);

    public sealed record Complete(string Outcome, string State) : WorkflowNext(State);
}
