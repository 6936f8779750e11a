using System.Security.Cryptography;
using AccountAccess.Core.Concurrency;

namespace AccountAccess.Core.Workflows;

/// <summary>
/// Runs durable workflows on a store (instances, with ETags) and durable timers (queue messages with a delay): the
/// technique of the Durable Task Framework's Azure Storage provider, without its packages. Every step gets a fresh
/// step id and its timer carries it, so restarting a workflow (a new reset link, a new password) silently cancels the
/// old timers. A delivery claims the step before running it, so duplicate deliveries do not run a step twice; a step
/// that keeps failing marks the instance failed after <see cref="WorkflowSettings.MaxDeliveries"/> deliveries.
/// </summary>
public sealed class WorkflowRuntime(
    IWorkflowStore store,
    IDurableTimers timers,
    IEnumerable<IWorkflow> workflows,
    WorkflowSettings settings,
    TimeProvider time)
{
    private readonly Dictionary<string, IWorkflow> byName = workflows.ToDictionary(w => w.Name);

    /// <summary>Starts <paramref name="workflow"/> for <paramref name="instanceId"/>, or restarts it (its earlier timers are then dropped).</summary>
    public async Task<WorkflowInstance> StartAsync(string workflow, string instanceId, string input, CancellationToken cancellationToken)
    {
        var definition = Definition(workflow);
        var saved = await OptimisticRetry.RunAsync(async ct =>
        {
            var current = await store.GetAsync(workflow, instanceId, ct);
            var now = time.GetUtcNow();
            var next = await definition.StartAsync(instanceId, input, now, ct);
            var fresh = new WorkflowInstance
            {
                Workflow = workflow,
                InstanceId = instanceId,
                Step = "start",
                StepId = NewStepId(),
                CreatedAt = now,
            };
            return await store.SaveAsync(current, Advance(fresh, next, now), ct);
        }, time, cancellationToken);

        await ScheduleAsync(saved.Value, cancellationToken);
        return saved.Value;
    }

    /// <summary>Delivers <paramref name="eventName"/> to a running instance. False when there is none to receive it.</summary>
    public async Task<bool> RaiseEventAsync(string workflow, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        var definition = Definition(workflow);
        var saved = await OptimisticRetry.RunAsync(async ct =>
        {
            var current = await store.GetAsync(workflow, instanceId, ct);
            if (current is null || current.Value.Status != WorkflowStatus.Running)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var next = await definition.OnEventAsync(Context(current.Value, now), eventName, ct);
            return await store.SaveAsync(current, Advance(current.Value, next, now), ct);
        }, time, cancellationToken);

        if (saved is null)
        {
            return false;
        }

        await ScheduleAsync(saved.Value, cancellationToken);
        return true;
    }

    /// <summary>Handles a delivered timer; <paramref name="deliveryCount"/> is how many times the queue has delivered it.</summary>
    public async Task<TimerOutcome> HandleTimerAsync(DurableTimer timer, int deliveryCount, CancellationToken cancellationToken)
    {
        if (!byName.TryGetValue(timer.Workflow, out var definition))
        {
            return TimerOutcome.Dropped;
        }

        var claim = await OptimisticRetry.RunAsync(ct => ClaimAsync(timer, ct), time, cancellationToken);
        if (claim.Outcome is not null)
        {
            return claim.Outcome.Value;
        }

        var claimed = claim.Instance!;
        WorkflowNext next;
        try
        {
            next = await definition.OnDueAsync(Context(claimed.Value, time.GetUtcNow()), cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Free the step for the next delivery, or, at the last one, record why it failed for operators.
            var last = deliveryCount >= settings.MaxDeliveries;
            var released = claimed.Value with
            {
                ClaimedUntil = null,
                Status = last ? WorkflowStatus.Failed : WorkflowStatus.Running,
                Error = $"{failure.GetType().Name}: {failure.Message}",
                UpdatedAt = time.GetUtcNow(),
            };
            try
            {
                await store.SaveAsync(claimed, released, CancellationToken.None);
            }
            catch (ConcurrencyConflictException)
            {
                // The instance moved on meanwhile (restarted, or an event); nothing of this step is left to free.
            }

            throw;
        }

        var now = time.GetUtcNow();
        Versioned<WorkflowInstance> saved;
        try
        {
            saved = await store.SaveAsync(claimed, Advance(claimed.Value with { ClaimedUntil = null, Error = null }, next, now), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Restarted or moved on by an event while the step ran: the newer step stands.
            return TimerOutcome.Dropped;
        }

        await ScheduleAsync(saved.Value, cancellationToken);
        return TimerOutcome.Ran;
    }

    /// <summary>
    /// Sends again the timers of running instances overdue by more than the grace period, so an instance whose timer
    /// was lost (the process died between saving a step and sending its timer) still runs. Returns how many.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var overdue = await store.FindOverdueAsync(now - settings.SweepGrace, 500, cancellationToken);
        var sent = 0;
        foreach (var instance in overdue.Where(i => i.ClaimedUntil is null || i.ClaimedUntil < now))
        {
            await timers.ScheduleAsync(new DurableTimer(instance.Workflow, instance.InstanceId, instance.StepId, instance.DueAt!.Value), TimeSpan.Zero, cancellationToken);
            sent++;
        }

        return sent;
    }

    public Task<Versioned<WorkflowInstance>?> GetAsync(string workflow, string instanceId, CancellationToken cancellationToken) =>
        store.GetAsync(workflow, instanceId, cancellationToken);

    private async Task<(TimerOutcome? Outcome, Versioned<WorkflowInstance>? Instance)> ClaimAsync(DurableTimer timer, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(timer.Workflow, timer.InstanceId, cancellationToken);
        if (current is null || current.Value.Status != WorkflowStatus.Running || current.Value.StepId != timer.StepId || current.Value.DueAt is null)
        {
            return (TimerOutcome.Dropped, null);
        }

        var now = time.GetUtcNow();
        if (current.Value.DueAt > now)
        {
            var remaining = current.Value.DueAt.Value - now;
            await timers.ScheduleAsync(timer with { DueAt = current.Value.DueAt.Value }, Clamp(remaining), cancellationToken);
            return (TimerOutcome.Rescheduled, null);
        }

        if (current.Value.ClaimedUntil > now)
        {
            return (TimerOutcome.Busy, null);
        }

        var claimed = await store.SaveAsync(current, current.Value with { ClaimedUntil = now + settings.ClaimDuration, UpdatedAt = now }, cancellationToken);
        return (null, claimed);
    }

    private async Task ScheduleAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        if (instance.Status == WorkflowStatus.Running && instance.DueAt is { } dueAt)
        {
            var delay = Clamp(dueAt - time.GetUtcNow());
            await timers.ScheduleAsync(new DurableTimer(instance.Workflow, instance.InstanceId, instance.StepId, dueAt), delay, cancellationToken);
        }
    }

    private TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > timers.MaxDelay ? timers.MaxDelay : delay;

    private static WorkflowInstance Advance(WorkflowInstance instance, WorkflowNext next, DateTimeOffset now) => next switch
    {
        WorkflowNext.Wait wait => instance with
        {
            Status = WorkflowStatus.Running,
            Step = wait.Step,
            StepId = NewStepId(),
            DueAt = wait.DueAt,
            State = wait.State,
            Outcome = null,
            UpdatedAt = now,
        },
        WorkflowNext.Complete complete => instance with
        {
            Status = WorkflowStatus.Completed,
            StepId = NewStepId(),
            DueAt = null,
            State = complete.State,
            Outcome = complete.Outcome,
            UpdatedAt = now,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(next)),
    };

    private static WorkflowContext Context(WorkflowInstance instance, DateTimeOffset now) =>
        new(instance.InstanceId, instance.Step, instance.State, now);

    private IWorkflow Definition(string workflow) =>
        byName.TryGetValue(workflow, out var definition) ? definition : throw new ArgumentException($"No workflow named {workflow}.", nameof(workflow));

    private static string NewStepId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
}
