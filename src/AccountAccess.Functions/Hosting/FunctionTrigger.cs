namespace AccountAccess.Functions.Hosting;

/// <summary>What starts a function, as its trigger attribute says (and as the worker SDK writes it into functions.metadata).</summary>
public abstract record FunctionTrigger
{
    /// <summary>An HTTP request on <see cref="Route"/> (below the host's route prefix, <c>api</c>) with one of <see cref="Methods"/>.</summary>
    public sealed record Http(string Route, IReadOnlyList<string> Methods) : FunctionTrigger;

    /// <summary>A schedule: NCRONTAB with six fields, or a <c>%Setting%</c> expression naming the setting that holds it.</summary>
    public sealed record Timer(string Schedule, bool RunOnStartup) : FunctionTrigger;

    /// <summary>A message on an Azure Storage queue, read through the connection setting <see cref="Connection"/>.</summary>
    public sealed record Queue(string QueueName, string? Connection) : FunctionTrigger;

    /// <summary>A Durable Functions orchestrator: replayed by the task hub's engine, deterministic.</summary>
    public sealed record Orchestration : FunctionTrigger;

    /// <summary>A Durable Functions activity: called by orchestrators, delivered at least once.</summary>
    public sealed record Activity(Type InputType) : FunctionTrigger;
}
