namespace DurableTimers;

/// <summary>The custom status a bench instance shows while it waits, as the reset-link orchestration shows its step and due time.</summary>
public sealed record BenchTimerStatus(string Step, DateTimeOffset DueAt);
