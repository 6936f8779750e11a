namespace AccountAccess.Core.Workflows;

/// <summary>Schedules durable timers (Azure Queue messages with a visibility delay).</summary>
public interface IDurableTimers
{
    /// <summary>The longest a single timer message can wait before it must be sent again. Azure queues: seven days.</summary>
    TimeSpan MaxDelay { get; }

    /// <summary>Sends <paramref name="timer"/> to become visible after <paramref name="delay"/> (at most <see cref="MaxDelay"/>).</summary>
    Task ScheduleAsync(DurableTimer timer, TimeSpan delay, CancellationToken cancellationToken);
}
