using AccountAccess.Core.Workflows;

namespace AccountAccess.Storage;

/// <summary>
/// Durable timers as messages of the <c>workflow-timers</c> queue, invisible until due. A queue message cannot stay
/// invisible for more than seven days, so longer waits are sent again by the runtime when the message surfaces early.
/// </summary>
public sealed class QueueDurableTimers(StorageQueues queues) : IDurableTimers
{
    // Azure's limit is seven days; keep a minute of margin.
    public TimeSpan MaxDelay { get; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public async Task ScheduleAsync(DurableTimer timer, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(StorageQueues.WorkflowTimers, cancellationToken);
        await queue.SendMessageAsync(
            StorageJson.Serialize(timer),
            visibilityTimeout: delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay,
            timeToLive: TimeSpan.FromSeconds(-1),
            cancellationToken: cancellationToken);
    }

    public static DurableTimer Parse(string message) => StorageJson.Deserialize<DurableTimer>(message);
}
