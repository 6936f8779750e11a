using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// A workflow for testing the runtime alone: its start waits <see cref="Wait"/> (step <c>due</c>), its due step completes
/// with <c>done</c> unless <see cref="FailWith"/> is set, and it can hold a step open (<see cref="HoldNextStep"/>) so a test
/// can act while a delivery is running it. Any event completes it with the event's name.
/// </summary>
public sealed class ScriptedWorkflow : IWorkflow
{
    public const string WorkflowName = "Scripted";

    private TaskCompletionSource? hold;
    private TaskCompletionSource? entered;

    public string Name => WorkflowName;

    /// <summary>How long the first step waits. Defaults to one hour.</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, the due step throws it.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>How many times the due step ran (including failed runs).</summary>
    public int Runs { get; private set; }

    /// <summary>
    /// Makes the next due step wait until the returned release is called. The returned task completes when a delivery has
    /// entered the step (so its claim is saved).
    /// </summary>
    public (Task Entered, Action Release) HoldNextStep()
    {
        hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = hold;
        return (entered.Task, () => release.TrySetResult());
    }

    public Task<WorkflowNext> StartAsync(string instanceId, string input, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<WorkflowNext>(new WorkflowNext.Wait("due", now + Wait, input));

    public async Task<WorkflowNext> OnDueAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        Runs++;
        if (Interlocked.Exchange(ref hold, null) is { } held)
        {
            entered!.TrySetResult();
            await held.Task;
        }

        if (FailWith is { } failure)
        {
            throw failure;
        }

        return new WorkflowNext.Complete("done", context.State);
    }

    public Task<WorkflowNext> OnEventAsync(WorkflowContext context, string eventName, CancellationToken cancellationToken) =>
        Task.FromResult<WorkflowNext>(new WorkflowNext.Complete(eventName, context.State));
}
