using AccountAccess.Core.Passwords.Rotation;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// The rotation orchestration's loop in memory, over fake time: a tracked password is planned at once, and
/// <see cref="RunDueAsync"/> runs each step whose time has come through the real <see cref="PasswordRotation"/>, following
/// its next plan as the orchestrator does (a plan for a newer password starts over). The orchestrator itself is tested
/// on the Durable test host in the Functions tests.
/// </summary>
public sealed class InMemoryPasswordRotations(Func<PasswordRotation> rotation, FakeTimeProvider time) : IPasswordRotationTracker
{
    private readonly Dictionary<string, RotationInstance> instances = [];

    /// <summary>How many times each user's rotation was (re)started, as the starter would.</summary>
    public Dictionary<string, int> Starts { get; } = [];

    /// <summary>The user's instance, or null when rotation was never started for them.</summary>
    public RotationInstance? this[string userId] => instances.GetValueOrDefault(userId);

    public async Task TrackAsync(string userId, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        Starts[userId] = Starts.GetValueOrDefault(userId) + 1;
        instances[userId] = Follow(userId, changedAt, await rotation().PlanAsync(userId, cancellationToken));
    }

    public Task StopAsync(string userId, CancellationToken cancellationToken)
    {
        instances.Remove(userId);
        return Task.CompletedTask;
    }

    /// <summary>Runs every step due at the fake time, as the timers would fire them; returns how many ran.</summary>
    public async Task<int> RunDueAsync()
    {
        var ran = 0;
        for (var round = 0; round < 100; round++)
        {
            var due = instances.Values.Where(i => i.Plan is { } plan && plan.DueAt <= time.GetUtcNow()).ToList();
            if (due.Count == 0)
            {
                break;
            }

            foreach (var instance in due)
            {
                var plan = instance.Plan!;
                var step = plan.RemindAt is not null
                    ? await rotation().RemindAsync(plan, CancellationToken.None)
                    : await rotation().ExpireAsync(plan, CancellationToken.None);
                instances[plan.UserId] = step.Next is { } next && next.ChangedAt != instance.ChangedAt
                    ? Follow(plan.UserId, next.ChangedAt, await rotation().PlanAsync(plan.UserId, CancellationToken.None))
                    : Follow(plan.UserId, instance.ChangedAt, step);
                ran++;
            }
        }

        return ran;
    }

    private static RotationInstance Follow(string userId, DateTimeOffset changedAt, PasswordRotationStep step) =>
        new(userId, changedAt, step.Next, step.Next is null ? step.Outcome : null);
}

/// <summary>A rotation as the orchestration would stand: waiting on <see cref="Plan"/>, or ended with <see cref="Outcome"/>.</summary>
public sealed record RotationInstance(string UserId, DateTimeOffset ChangedAt, PasswordRotationPlan? Plan, string? Outcome)
{
    public bool Running => Plan is not null;

    /// <summary><c>remind</c> or <c>expire</c> while running.</summary>
    public string? Step => Plan is null ? null : Plan.RemindAt is not null ? "remind" : "expire";

    public DateTimeOffset? DueAt => Plan?.DueAt;
}
