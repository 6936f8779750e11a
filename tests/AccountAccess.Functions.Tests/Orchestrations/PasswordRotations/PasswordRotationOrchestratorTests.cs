using System.Collections.Concurrent;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Functions.Orchestrations.PasswordRotations;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace AccountAccess.Functions.Tests.Orchestrations.PasswordRotations;

/// <summary>
/// The rotation orchestrator on the in-memory Durable Task test host (no storage), with scripted activities: the
/// reminder then the expiry, a password change mid-cycle (event), a change the activity finds, rotation off, and a
/// wait longer than the worker's longest single timer (shortened to a second here, as 90 days exceed its 3), which the
/// worker splits, still ending on time. The
/// host has no virtual clock, so cycles last a second or two.
/// </summary>
public sealed class PasswordRotationOrchestratorTests(PasswordRotationOrchestratorTests.TestHost host) : IClassFixture<PasswordRotationOrchestratorTests.TestHost>
{
    private static string NewUser() => "usr_" + Guid.NewGuid().ToString("N")[..12];

    private static PasswordRotationPlan Plan(string userId, DateTimeOffset changedAt, TimeSpan? remindIn, TimeSpan expireIn) =>
        new(userId, changedAt, remindIn is { } r ? DateTimeOffset.UtcNow + r : null, DateTimeOffset.UtcNow + expireIn);

    private Task<OrchestrationMetadata> RunAsync(PasswordSet password, Func<DurableTaskClient, string, Task>? meanwhile = null) =>
        host.Client.RunAsync(PasswordRotationOrchestrator.Name, DurablePasswordRotationTracker.InstanceIdFor(password.UserId), password, meanwhile);

    [Fact]
    public async Task The_reminder_goes_out_then_the_password_expires()
    {
        var password = new PasswordSet(NewUser(), DateTimeOffset.UtcNow);
        host.PlanFor(password, Plan(password.UserId, password.ChangedAt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));

        var done = await RunAsync(password);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("expired", done.ReadOutputAs<string>());
        Assert.Equal(["plan", "remind", "expire"], host.Steps(password.UserId).Select(s => s.Step));
    }

    [Fact]
    public async Task While_waiting_the_custom_status_says_the_next_step_and_when()
    {
        var password = new PasswordSet(NewUser(), DateTimeOffset.UtcNow);
        var plan = Plan(password.UserId, password.ChangedAt, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        host.PlanFor(password, plan);
        var instanceId = DurablePasswordRotationTracker.InstanceIdFor(password.UserId);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(PasswordRotationOrchestrator.Name, password, new Microsoft.DurableTask.StartOrchestrationOptions(instanceId));

        OrchestrationMetadata? waiting = null;
        await Eventually.TrueAsync(async () =>
            (waiting = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.SerializedCustomStatus is not null);

        var status = waiting!.ReadCustomStatusAs<PasswordRotationStatus>()!;
        Assert.Equal(new PasswordRotationStatus("remind", plan.RemindAt!.Value, password.ChangedAt), status);
        await host.Client.TerminateInstanceAsync(instanceId);
    }

    [Fact]
    public async Task A_password_change_mid_cycle_starts_over_with_the_new_password_and_the_old_one_is_never_reminded()
    {
        var first = new PasswordSet(NewUser(), DateTimeOffset.UtcNow);
        var second = first with { ChangedAt = first.ChangedAt.AddMinutes(1) };
        host.PlanFor(first, Plan(first.UserId, first.ChangedAt, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)));
        host.PlanFor(second, Plan(second.UserId, second.ChangedAt, null, TimeSpan.FromSeconds(1)));

        var done = await RunAsync(first, (client, id) => client.RaiseEventAsync(id, PasswordSet.EventName, second));

        Assert.Equal("expired", done.ReadOutputAs<string>());
        Assert.Equal(second, done.ReadInputAs<PasswordSet>());
        Assert.Equal([("plan", first.ChangedAt), ("plan", second.ChangedAt), ("expire", second.ChangedAt)], host.Steps(first.UserId));
    }

    [Fact]
    public async Task A_change_the_activity_finds_is_followed_as_if_its_event_had_come()
    {
        var first = new PasswordSet(NewUser(), DateTimeOffset.UtcNow);
        var second = first with { ChangedAt = first.ChangedAt.AddMinutes(1) };
        host.PlanFor(first, Plan(first.UserId, first.ChangedAt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(20)));
        host.RemindGives(first, new PasswordRotationStep(PasswordRotationStep.PasswordChanged, Plan(first.UserId, second.ChangedAt, null, TimeSpan.FromSeconds(1))));
        host.PlanFor(second, Plan(second.UserId, second.ChangedAt, null, TimeSpan.FromSeconds(1)));

        var done = await RunAsync(first);

        Assert.Equal("expired", done.ReadOutputAs<string>());
        Assert.Equal([("plan", first.ChangedAt), ("remind", first.ChangedAt), ("plan", second.ChangedAt), ("expire", second.ChangedAt)], host.Steps(first.UserId));
    }

    [Fact]
    public async Task With_rotation_off_the_orchestration_ends_at_once_with_no_timer()
    {
        var password = new PasswordSet(NewUser(), DateTimeOffset.UtcNow);
        host.PlanGives(password, new PasswordRotationStep(PasswordRotationStep.RotationOff, null));

        var done = await RunAsync(password);

        Assert.Equal("rotation_off", done.ReadOutputAs<string>());
        Assert.Equal(["plan"], host.Steps(password.UserId).Select(s => s.Step));
    }

    [Fact]
    public async Task A_wait_longer_than_the_workers_longest_single_timer_still_ends_on_time()
    {
        var password = new PasswordSet(NewUser(), DateTimeOffset.UtcNow);
        var plan = Plan(password.UserId, password.ChangedAt, null, TimeSpan.FromSeconds(3.5));
        host.PlanFor(password, plan);

        var done = await host.LongTimerClient.ScheduleNewOrchestrationInstanceAsync(PasswordRotationOrchestrator.Name, password);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var completed = await host.LongTimerClient.WaitForInstanceCompletionAsync(done, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal("expired", completed.ReadOutputAs<string>());
        var expired = host.Steps(password.UserId).Single(s => s.Step == "expire");
        Assert.True(host.RanAt(password.UserId, "expire") >= plan.ExpiresAt.AddMilliseconds(-50), "The expiry ran before its time.");
        Assert.Equal(password.ChangedAt, expired.ChangedAt);
    }

    /// <summary>
    /// Two in-memory hosts for the class — one with the worker's defaults, one whose longest single timer is a second —
    /// with the real orchestrator and scripted activities that record each call.
    /// </summary>
    public sealed class TestHost : IAsyncLifetime
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Step, DateTimeOffset ChangedAt, DateTimeOffset RanAt)>> steps = new();
        private readonly ConcurrentDictionary<(string, DateTimeOffset), PasswordRotationStep> plans = new();
        private readonly ConcurrentDictionary<(string, DateTimeOffset), PasswordRotationStep> reminders = new();
        private DurableTaskTestHost? host;
        private DurableTaskTestHost? longTimerHost;

        public DurableTaskClient Client => host!.Client;

        public DurableTaskClient LongTimerClient => longTimerHost!.Client;

        public IReadOnlyList<(string Step, DateTimeOffset ChangedAt)> Steps(string userId) =>
            steps.TryGetValue(userId, out var calls) ? calls.Select(c => (c.Step, c.ChangedAt)).ToList() : [];

        public DateTimeOffset RanAt(string userId, string step) => steps[userId].Single(c => c.Step == step).RanAt;

        public void PlanFor(PasswordSet password, PasswordRotationPlan plan) => PlanGives(password, new PasswordRotationStep(PasswordRotationStep.Rotating, plan));

        public void PlanGives(PasswordSet password, PasswordRotationStep step) => plans[(password.UserId, password.ChangedAt)] = step;

        public void RemindGives(PasswordSet password, PasswordRotationStep step) => reminders[(password.UserId, password.ChangedAt)] = step;

        public async Task InitializeAsync()
        {
            host = await DurableTestHosts.StartAsync(Register);
            longTimerHost = await DurableTestHosts.StartAsync(Register, maximumTimerInterval: TimeSpan.FromSeconds(1));
        }

        public async Task DisposeAsync()
        {
            foreach (var running in new[] { host, longTimerHost })
            {
                if (running is not null)
                {
                    await running.DisposeAsync();
                }
            }
        }

        private void Register(Microsoft.DurableTask.DurableTaskRegistry registry) => registry
            .AddOrchestratorFunc<PasswordSet, string>(PasswordRotationOrchestrator.Name, (context, _) => PasswordRotationOrchestrator.PasswordRotation(context))
            .AddActivityFunc<PasswordSet, PasswordRotationStep>(nameof(PasswordRotationActivities.PlanPasswordRotation), (_, password) =>
            {
                Record(password.UserId, "plan", password.ChangedAt);
                return plans[(password.UserId, password.ChangedAt)];
            })
            .AddActivityFunc<PasswordRotationPlan, PasswordRotationStep>(nameof(PasswordRotationActivities.SendPasswordExpiryReminder), (_, plan) =>
            {
                Record(plan.UserId, "remind", plan.ChangedAt);
                return reminders.TryGetValue((plan.UserId, plan.ChangedAt), out var scripted) ? scripted : new PasswordRotationStep(PasswordRotationStep.ReminderSent, plan.Reminded());
            })
            .AddActivityFunc<PasswordRotationPlan, PasswordRotationStep>(nameof(PasswordRotationActivities.ExpirePassword), (_, plan) =>
            {
                Record(plan.UserId, "expire", plan.ChangedAt);
                return new PasswordRotationStep(PasswordRotationStep.Expired, null);
            });

        private void Record(string userId, string step, DateTimeOffset changedAt) =>
            steps.GetOrAdd(userId, _ => new()).Enqueue((step, changedAt, DateTimeOffset.UtcNow));
    }
}
