using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Durable timers that are only recorded; a test delivers the due ones with <see cref="DeliverDueAsync"/>.</summary>
public sealed class RecordingDurableTimers(TimeProvider time) : IDurableTimers
{
    private readonly List<(DurableTimer Timer, DateTimeOffset VisibleAt)> pending = [];

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public IReadOnlyList<DurableTimer> Sent => sent;

    private readonly List<DurableTimer> sent = [];

    public Task ScheduleAsync(DurableTimer timer, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (pending)
        {
            pending.Add((timer, time.GetUtcNow() + delay));
            sent.Add(timer);
        }

        return Task.CompletedTask;
    }

    /// <summary>Hands every timer visible now to <paramref name="runtime"/>, as the queue would; returns their outcomes.</summary>
    public async Task<IReadOnlyList<TimerOutcome>> DeliverDueAsync(WorkflowRuntime runtime)
    {
        List<DurableTimer> due;
        lock (pending)
        {
            var now = time.GetUtcNow();
            due = pending.Where(p => p.VisibleAt <= now).Select(p => p.Timer).ToList();
            pending.RemoveAll(p => p.VisibleAt <= now);
        }

        var outcomes = new List<TimerOutcome>();
        foreach (var timer in due)
        {
            outcomes.Add(await runtime.HandleTimerAsync(timer, 1, CancellationToken.None));
        }

        return outcomes;
    }
}
