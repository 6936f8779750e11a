namespace AccountAccess.Functions.Triggers;

/// <summary>A timer or queue function: its name, its trigger and what it does. The same delegate serves the Functions host and the local runner.</summary>
public sealed record TriggeredFunction(string Name, FunctionTrigger Trigger, Func<IServiceProvider, TriggerInvocation, CancellationToken, Task> RunAsync);
