using System.Collections.Concurrent;

namespace DurableTimers;

/// <summary>
/// When each bench instance reached each point, wall clock (first time only), and how many times its activity ran.
/// An orchestrator episode executed again (a checkpoint that failed, a message redelivered) shows as a repeat. The
/// orchestrator calls it outside replay only, and nothing it decides depends on it (the clock is read here, for the bench).
/// </summary>
public sealed class BenchTimerProgress(TimeProvider clock)
{
    private int timerSetRepeats;
    private int timerFiredRepeats;

    public ConcurrentDictionary<string, DateTimeOffset> TimerSetAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DateTimeOffset> TimerFiredAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DateTimeOffset> ActivityFirstRanAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> ActivityRuns { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DateTimeOffset> CompletedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>First episodes (the timer set) executed more than once.</summary>
    public int TimerSetRepeats => Volatile.Read(ref timerSetRepeats);

    /// <summary>Episodes that saw the timer fire executed more than once.</summary>
    public int TimerFiredRepeats => Volatile.Read(ref timerFiredRepeats);

    public void TimerSet(string instanceId)
    {
        if (!TimerSetAt.TryAdd(instanceId, clock.GetUtcNow()))
        {
            Interlocked.Increment(ref timerSetRepeats);
        }
    }

    public void TimerFired(string instanceId)
    {
        if (!TimerFiredAt.TryAdd(instanceId, clock.GetUtcNow()))
        {
            Interlocked.Increment(ref timerFiredRepeats);
        }
    }

    public void ActivityRan(string instanceId)
    {
        ActivityFirstRanAt.TryAdd(instanceId, clock.GetUtcNow());
        ActivityRuns.AddOrUpdate(instanceId, 1, (_, runs) => runs + 1);
    }

    public void Completed(string instanceId) => CompletedAt.TryAdd(instanceId, clock.GetUtcNow());
}
