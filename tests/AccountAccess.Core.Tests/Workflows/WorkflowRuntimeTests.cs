using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.Workflows;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Workflows;

public class WorkflowRuntimeTests
{
    private const string Workflow = ScriptedWorkflow.WorkflowName;

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryWorkflowStore store = new();
    private readonly ScriptedWorkflow workflow = new();
    private readonly RecordingDurableTimers timers;
    private readonly WorkflowRuntime runtime;

    public WorkflowRuntimeTests()
    {
        timers = new RecordingDurableTimers(time);
        runtime = Runtime(timers);
    }

    private WorkflowRuntime Runtime(RecordingDurableTimers durableTimers, WorkflowSettings? settings = null) =>
        new(store, durableTimers, [workflow], settings ?? new WorkflowSettings(), time);

    private WorkflowInstance Stored(string instanceId = "i1") => store[Workflow, instanceId]!;

    [Fact]
    public async Task Starting_saves_a_running_instance_and_sends_a_timer_carrying_its_step_id()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);

        Assert.Equal(WorkflowStatus.Running, started.Status);
        Assert.Equal("due", started.Step);
        Assert.Equal(Start + workflow.Wait, started.DueAt);
        var timer = Assert.Single(timers.Sent);
        Assert.Equal(new DurableTimer(Workflow, "i1", started.StepId, Start + workflow.Wait), timer);
    }

    [Fact]
    public async Task A_timer_is_not_delivered_before_its_due_time()
    {
        await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);

        time.Advance(workflow.Wait - TimeSpan.FromSeconds(1));

        Assert.Empty(await timers.DeliverDueAsync(runtime));
        Assert.Equal(0, workflow.Runs);
    }

    [Fact]
    public async Task A_due_timer_runs_the_step_and_completes_the_instance()
    {
        await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        time.Advance(workflow.Wait);

        var outcomes = await timers.DeliverDueAsync(runtime);

        Assert.Equal([TimerOutcome.Ran], outcomes);
        Assert.Equal(WorkflowStatus.Completed, Stored().Status);
        Assert.Equal("done", Stored().Outcome);
        Assert.Null(Stored().DueAt);
        Assert.Null(Stored().ClaimedUntil);
    }

    [Fact]
    public async Task A_timer_set_by_a_step_that_is_no_longer_current_is_dropped()
    {
        var first = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        var restarted = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var oldTimer = new DurableTimer(Workflow, "i1", first.StepId, first.DueAt!.Value);
        time.Advance(workflow.Wait);

        var outcome = await runtime.HandleTimerAsync(oldTimer, 1, CancellationToken.None);

        Assert.Equal(TimerOutcome.Dropped, outcome);
        Assert.NotEqual(first.StepId, restarted.StepId);
        Assert.Equal(0, workflow.Runs);
        Assert.Equal(WorkflowStatus.Running, Stored().Status);
    }

    [Fact]
    public async Task After_a_restart_only_the_new_timer_runs_the_step_once()
    {
        await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        time.Advance(workflow.Wait);

        var outcomes = await timers.DeliverDueAsync(runtime);

        Assert.Equal([TimerOutcome.Dropped, TimerOutcome.Ran], outcomes);
        Assert.Equal(1, workflow.Runs);
    }

    [Fact]
    public async Task A_timer_for_an_unknown_workflow_or_instance_is_dropped()
    {
        Assert.Equal(TimerOutcome.Dropped, await runtime.HandleTimerAsync(new DurableTimer("Nope", "i1", "s", Start), 1, CancellationToken.None));
        Assert.Equal(TimerOutcome.Dropped, await runtime.HandleTimerAsync(new DurableTimer(Workflow, "missing", "s", Start), 1, CancellationToken.None));
    }

    [Fact]
    public async Task A_wait_longer_than_the_max_delay_is_sent_again_until_due_and_runs_once()
    {
        var shortQueue = new RecordingDurableTimers(time) { MaxDelay = TimeSpan.FromDays(1) };
        var limited = Runtime(shortQueue);
        workflow.Wait = TimeSpan.FromDays(3) + TimeSpan.FromHours(6);
        await limited.StartAsync(Workflow, "i1", "{}", CancellationToken.None);

        var seen = new List<TimerOutcome>();
        for (var day = 0; day < 3; day++)
        {
            time.Advance(TimeSpan.FromDays(1));
            seen.AddRange(await shortQueue.DeliverDueAsync(limited));
        }

        Assert.Equal([TimerOutcome.Rescheduled, TimerOutcome.Rescheduled, TimerOutcome.Rescheduled], seen);
        Assert.Equal(0, workflow.Runs);
        time.Advance(TimeSpan.FromHours(6));
        Assert.Equal([TimerOutcome.Ran], await shortQueue.DeliverDueAsync(limited));
        Assert.Equal(1, workflow.Runs);
        Assert.Equal(4, shortQueue.Sent.Count);
        Assert.All(shortQueue.Sent, t => Assert.Equal(Start + workflow.Wait, t.DueAt));
    }

    [Fact]
    public async Task A_step_held_by_one_delivery_is_busy_for_a_duplicate_delivery()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var timer = new DurableTimer(Workflow, "i1", started.StepId, started.DueAt!.Value);
        time.Advance(workflow.Wait);
        var (entered, release) = workflow.HoldNextStep();

        var first = runtime.HandleTimerAsync(timer, 1, CancellationToken.None);
        await entered;
        var duplicate = await runtime.HandleTimerAsync(timer, 1, CancellationToken.None);
        release();

        Assert.Equal(TimerOutcome.Busy, duplicate);
        Assert.Equal(TimerOutcome.Ran, await first);
        Assert.Equal(1, workflow.Runs);
        Assert.Equal(TimerOutcome.Dropped, await runtime.HandleTimerAsync(timer, 2, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_delivery_lapses_after_the_claim_duration()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var timer = new DurableTimer(Workflow, "i1", started.StepId, started.DueAt!.Value);
        time.Advance(workflow.Wait);
        var current = await store.GetAsync(Workflow, "i1", CancellationToken.None);
        await store.SaveAsync(current, current!.Value with { ClaimedUntil = time.GetUtcNow() + new WorkflowSettings().ClaimDuration }, CancellationToken.None);

        Assert.Equal(TimerOutcome.Busy, await runtime.HandleTimerAsync(timer, 1, CancellationToken.None));
        time.Advance(new WorkflowSettings().ClaimDuration);

        Assert.Equal(TimerOutcome.Ran, await runtime.HandleTimerAsync(timer, 2, CancellationToken.None));
    }

    [Fact]
    public async Task A_step_that_throws_releases_its_claim_and_records_the_error()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var timer = new DurableTimer(Workflow, "i1", started.StepId, started.DueAt!.Value);
        time.Advance(workflow.Wait);
        workflow.FailWith = new InvalidOperationException("mail server down");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.HandleTimerAsync(timer, 1, CancellationToken.None));

        Assert.Equal("mail server down", thrown.Message);
        Assert.Equal(WorkflowStatus.Running, Stored().Status);
        Assert.Null(Stored().ClaimedUntil);
        Assert.Equal(started.StepId, Stored().StepId);
        Assert.Equal("InvalidOperationException: mail server down", Stored().Error);
    }

    [Fact]
    public async Task The_next_delivery_after_a_failure_runs_the_step_again_and_clears_the_error()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var timer = new DurableTimer(Workflow, "i1", started.StepId, started.DueAt!.Value);
        time.Advance(workflow.Wait);
        workflow.FailWith = new InvalidOperationException("mail server down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.HandleTimerAsync(timer, 1, CancellationToken.None));
        workflow.FailWith = null;

        var outcome = await runtime.HandleTimerAsync(timer, 2, CancellationToken.None);

        Assert.Equal(TimerOutcome.Ran, outcome);
        Assert.Equal(WorkflowStatus.Completed, Stored().Status);
        Assert.Null(Stored().Error);
        Assert.Equal(2, workflow.Runs);
    }

    [Fact]
    public async Task The_fifth_failed_delivery_marks_the_instance_failed_with_the_error()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var timer = new DurableTimer(Workflow, "i1", started.StepId, started.DueAt!.Value);
        time.Advance(workflow.Wait);
        workflow.FailWith = new InvalidDataException("state unreadable");

        for (var delivery = 1; delivery <= 4; delivery++)
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => runtime.HandleTimerAsync(timer, delivery, CancellationToken.None));
            Assert.Equal(WorkflowStatus.Running, Stored().Status);
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => runtime.HandleTimerAsync(timer, 5, CancellationToken.None));

        Assert.Equal(WorkflowStatus.Failed, Stored().Status);
        Assert.Equal("InvalidDataException: state unreadable", Stored().Error);
        Assert.Null(Stored().ClaimedUntil);
        Assert.Equal(5, workflow.Runs);
    }

    [Fact]
    public async Task A_failed_instance_drops_further_deliveries_and_is_not_swept()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var timer = new DurableTimer(Workflow, "i1", started.StepId, started.DueAt!.Value);
        time.Advance(workflow.Wait);
        workflow.FailWith = new InvalidDataException("state unreadable");
        await Assert.ThrowsAsync<InvalidDataException>(() => runtime.HandleTimerAsync(timer, 5, CancellationToken.None));
        workflow.FailWith = null;
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(TimerOutcome.Dropped, await runtime.HandleTimerAsync(timer, 6, CancellationToken.None));
        Assert.Equal(0, await runtime.SweepAsync(CancellationToken.None));
        Assert.Equal(WorkflowStatus.Failed, Stored().Status);
    }

    [Fact]
    public async Task The_sweep_resends_only_instances_overdue_by_more_than_the_grace_and_not_claimed()
    {
        var settings = new WorkflowSettings { SweepGrace = TimeSpan.FromMinutes(5) };
        var sweeping = Runtime(timers, settings);
        var now = time.GetUtcNow();
        await ArrangeAsync("lost", due: now - TimeSpan.FromMinutes(10));
        await ArrangeAsync("within-grace", due: now - TimeSpan.FromMinutes(2));
        await ArrangeAsync("claimed", due: now - TimeSpan.FromMinutes(10), claimedUntil: now + TimeSpan.FromMinutes(1));
        await ArrangeAsync("claim-lapsed", due: now - TimeSpan.FromMinutes(10), claimedUntil: now - TimeSpan.FromMinutes(1));
        await ArrangeAsync("future", due: now + TimeSpan.FromHours(1));
        await ArrangeAsync("completed", due: null, status: WorkflowStatus.Completed);
        await ArrangeAsync("failed", due: now - TimeSpan.FromMinutes(10), status: WorkflowStatus.Failed);

        var sent = await sweeping.SweepAsync(CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Equal(["claim-lapsed", "lost"], timers.Sent.Select(t => t.InstanceId).Order());
        Assert.All(timers.Sent, t => Assert.Equal("step-" + t.InstanceId, t.StepId));
        Assert.Equal([TimerOutcome.Ran, TimerOutcome.Ran], await timers.DeliverDueAsync(sweeping));
    }

    [Fact]
    public async Task A_timer_sent_again_by_the_sweep_runs_the_step_only_once()
    {
        var sweeping = Runtime(timers, new WorkflowSettings { SweepGrace = TimeSpan.FromMinutes(5) });
        await sweeping.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        time.Advance(workflow.Wait + TimeSpan.FromMinutes(6));

        Assert.Equal(1, await sweeping.SweepAsync(CancellationToken.None));
        var outcomes = await timers.DeliverDueAsync(sweeping);

        Assert.Equal([TimerOutcome.Ran, TimerOutcome.Dropped], outcomes);
        Assert.Equal(1, workflow.Runs);
    }

    [Fact]
    public async Task An_event_completes_a_waiting_instance_and_its_timer_is_then_dropped()
    {
        await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);

        var raised = await runtime.RaiseEventAsync(Workflow, "i1", "used", CancellationToken.None);

        Assert.True(raised);
        Assert.Equal(WorkflowStatus.Completed, Stored().Status);
        Assert.Equal("used", Stored().Outcome);
        time.Advance(workflow.Wait);
        Assert.Equal([TimerOutcome.Dropped], await timers.DeliverDueAsync(runtime));
        Assert.Equal(0, workflow.Runs);
    }

    [Fact]
    public async Task An_event_without_a_running_instance_is_not_delivered()
    {
        Assert.False(await runtime.RaiseEventAsync(Workflow, "nobody", "used", CancellationToken.None));

        await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        await runtime.RaiseEventAsync(Workflow, "i1", "used", CancellationToken.None);

        Assert.False(await runtime.RaiseEventAsync(Workflow, "i1", "used", CancellationToken.None));
    }

    [Fact]
    public async Task A_step_that_finishes_after_a_restart_does_not_overwrite_the_new_step()
    {
        var started = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        var timer = new DurableTimer(Workflow, "i1", started.StepId, started.DueAt!.Value);
        time.Advance(workflow.Wait);
        var (entered, release) = workflow.HoldNextStep();

        var running = runtime.HandleTimerAsync(timer, 1, CancellationToken.None);
        await entered;
        var restarted = await runtime.StartAsync(Workflow, "i1", "{}", CancellationToken.None);
        release();

        Assert.Equal(TimerOutcome.Dropped, await running);
        Assert.Equal(WorkflowStatus.Running, Stored().Status);
        Assert.Equal(restarted.StepId, Stored().StepId);
    }

    [Fact]
    public async Task Starting_an_unknown_workflow_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => runtime.StartAsync("Nope", "i1", "{}", CancellationToken.None));
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var settings = new WorkflowSettings();

        Assert.Equal(TimeSpan.FromMinutes(5), settings.SweepGrace);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.ClaimDuration);
        Assert.Equal(5, settings.MaxDeliveries);
    }

    private Task ArrangeAsync(string instanceId, DateTimeOffset? due, DateTimeOffset? claimedUntil = null, WorkflowStatus status = WorkflowStatus.Running) =>
        store.SaveAsync(null, new WorkflowInstance
        {
            Workflow = Workflow,
            InstanceId = instanceId,
            Status = status,
            Step = "due",
            StepId = "step-" + instanceId,
            DueAt = due,
            ClaimedUntil = claimedUntil,
            CreatedAt = Start,
            UpdatedAt = Start,
        }, CancellationToken.None);
}
