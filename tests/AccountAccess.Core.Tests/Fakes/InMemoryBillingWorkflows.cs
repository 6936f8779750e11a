using AccountAccess.Core.Billing;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// The billing orchestrations in memory, over fake time, as their starter and orchestrators behave: one notice per
/// suspension (run by <see cref="RunDueAsync"/> through the real <see cref="BillingSuspensionNotice"/>), and one
/// reactivation delay per organization — replaced by a new end, ended by a cancellation, and at its end run through
/// the real <see cref="BillingReactivation"/>.
/// </summary>
public sealed class InMemoryBillingWorkflows(Func<BillingSuspensionNotice> notice, Func<BillingReactivation> reactivation, FakeTimeProvider time) : IBillingWorkflows
{
    private readonly Dictionary<(string OrganizationId, DateTimeOffset SuspendedSince), string?> notices = [];
    private readonly Dictionary<string, ReactivationInstance> reactivations = [];

    /// <summary>Every notice started, in order.</summary>
    public List<(string OrganizationId, DateTimeOffset SuspendedSince)> NoticesStarted { get; } = [];

    /// <summary>Every delay scheduled (started or given a new end), in order.</summary>
    public List<(string OrganizationId, DateTimeOffset DueAt)> ReactivationsScheduled { get; } = [];

    /// <summary>Whether a notice was started for that suspension.</summary>
    public bool NoticeStarted(string organizationId, DateTimeOffset suspendedSince) => notices.ContainsKey((organizationId, suspendedSince));

    /// <summary>The outcome of a suspension's notice: null while it has not run (or was never started).</summary>
    public string? NoticeOutcome(string organizationId, DateTimeOffset suspendedSince) => notices.GetValueOrDefault((organizationId, suspendedSince));

    public ReactivationInstance? Reactivation(string organizationId) => reactivations.GetValueOrDefault(organizationId);

    public Task NotifySuspensionAsync(string organizationId, DateTimeOffset suspendedSince, CancellationToken cancellationToken)
    {
        if (notices.TryAdd((organizationId, suspendedSince), null))
        {
            NoticesStarted.Add((organizationId, suspendedSince));
        }

        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> PendingReactivationAsync(string organizationId, CancellationToken cancellationToken) =>
        Task.FromResult(reactivations.GetValueOrDefault(organizationId) is { Running: true } running ? running.DueAt : (DateTimeOffset?)null);

    public Task ScheduleReactivationAsync(string organizationId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ReactivationsScheduled.Add((organizationId, dueAt));
        reactivations[organizationId] = new ReactivationInstance(dueAt, Running: true, Outcome: null);
        return Task.CompletedTask;
    }

    public Task CancelReactivationAsync(string organizationId, CancellationToken cancellationToken)
    {
        if (reactivations.GetValueOrDefault(organizationId) is { Running: true } running)
        {
            reactivations[organizationId] = running with { Running = false, Outcome = BillingReactivation.Cancelled };
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs the notices not yet sent and the delays ended at the fake time; returns how many ran.</summary>
    public async Task<int> RunDueAsync()
    {
        var ran = 0;
        foreach (var key in notices.Where(n => n.Value is null).Select(n => n.Key).ToList())
        {
            notices[key] = await notice().SendAsync(key.OrganizationId, key.SuspendedSince, CancellationToken.None);
            ran++;
        }

        foreach (var (organizationId, instance) in reactivations.Where(r => r.Value.Running && r.Value.DueAt <= time.GetUtcNow()).ToList())
        {
            var outcome = await reactivation().RestoreAsync(organizationId, instance.DueAt, CancellationToken.None);
            reactivations[organizationId] = instance with { Running = false, Outcome = outcome };
            ran++;
        }

        return ran;
    }
}

/// <summary>A reactivation delay as its orchestration would stand.</summary>
public sealed record ReactivationInstance(DateTimeOffset DueAt, bool Running, string? Outcome);
