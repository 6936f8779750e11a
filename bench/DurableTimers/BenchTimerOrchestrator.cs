using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableTimers;

/// <summary>
/// Bench-only orchestration of the reset-link shape (<c>Orchestrations/ResetLinks/ResetLinkOrchestrator</c>): it sets its
/// custom status, races a durable timer due at <see cref="BenchTimerInput.DueAt"/> against an external event (the timer
/// cancelled when the event wins), and when the timer wins calls one activity, <see cref="BenchTimerActivity.CountRun"/>.
/// Its decisions are deterministic; it only tells <see cref="BenchTimerProgress"/> (outside replay) when it set its timer,
/// saw it fire and saw the activity's result, which is how the bench times the engine without reading storage.
/// </summary>
public sealed class BenchTimerOrchestrator(BenchTimerProgress progress)
{
    public const string Name = "BenchTimer";

    /// <summary>The event that, raised before the timer fires, ends the instance without running the activity.</summary>
    public const string CancelEventName = "BenchTimerCancelled";

    [Function(Name)]
    public async Task<string> BenchTimer([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<BenchTimerInput>()
            ?? throw new InvalidOperationException($"{context.InstanceId} was started without its due time.");
        context.SetCustomStatus(new BenchTimerStatus("due", input.DueAt));

        using var due = new CancellationTokenSource();
        var timer = context.CreateTimer(input.DueAt.UtcDateTime, due.Token);
        var cancelled = context.WaitForExternalEvent<string>(CancelEventName);
        if (!context.IsReplaying)
        {
            progress.TimerSet(context.InstanceId);
        }

        if (await Task.WhenAny(timer, cancelled) != timer)
        {
            due.Cancel();
            return "cancelled";
        }

        if (!context.IsReplaying)
        {
            progress.TimerFired(context.InstanceId);
        }

        var outcome = await context.CallActivityAsync<string>(nameof(BenchTimerActivity.CountRun), context.InstanceId);
        if (!context.IsReplaying)
        {
            progress.Completed(context.InstanceId);
        }

        return outcome;
    }
}
