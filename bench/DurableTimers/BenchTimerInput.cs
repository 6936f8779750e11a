namespace DurableTimers;

/// <summary>What a <see cref="BenchTimerOrchestrator"/> instance is started with: the instant its timer falls due.</summary>
public sealed record BenchTimerInput(DateTimeOffset DueAt);
