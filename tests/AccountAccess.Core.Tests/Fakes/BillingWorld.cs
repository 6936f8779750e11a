using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// The billing webhook wired as the app composes it, over in-memory stores, fake time, recorded timers and recorded
/// email: <see cref="BillingEvents"/>, <see cref="BillingFollowUp"/>, and a workflow runtime holding the suspension
/// notice and reactivation workflows.
/// </summary>
public sealed class BillingWorld
{
    /// <summary>What the webhook passes for a signed request from the billing system.</summary>
    public static readonly RequestContext FromBillingSystem = new(Actor.BillingSystem, "198.51.100.80");

    private int lastEventId;

    public BillingWorld(BillingSettings? settings = null)
    {
        Settings = settings ?? new BillingSettings();
        Time = new FakeTimeProvider(TestData.Start);
        Timers = new RecordingDurableTimers(Time);
        Notices = new BillingNotices(Users, Organizations, Email, Settings, Time);
        IWorkflow[] workflows =
        [
            new BillingSuspensionNoticeWorkflow(Organizations, Notices),
            new BillingReactivationWorkflow(Organizations, Notices, Time),
        ];
        Runtime = new WorkflowRuntime(Workflows, Timers, workflows, new WorkflowSettings(), Time);
        FollowUp = new BillingFollowUp(Runtime);
        Events = new BillingEvents(Organizations, FollowUp, Settings, Time);
    }

    public BillingSettings Settings { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryUserStore Users { get; } = new();

    public InMemoryOrganizationStore Organizations { get; } = new();

    public InMemoryWorkflowStore Workflows { get; } = new();

    public RecordingDurableTimers Timers { get; }

    public RecordingEmailSender Email { get; } = new();

    public BillingNotices Notices { get; }

    public WorkflowRuntime Runtime { get; }

    public BillingFollowUp FollowUp { get; }

    public BillingEvents Events { get; }

    /// <summary>Receives an event occurring now, with a fresh event id unless <paramref name="eventId"/> is given.</summary>
    public Task<Result<BillingReceipt>> ReceiveAsync(BillingEventType type, string invoiceId, string organizationId = "org_a", string? eventId = null) =>
        Events.ReceiveAsync(Event(type, invoiceId, organizationId, eventId), FromBillingSystem, CancellationToken.None);

    public Task<Result<BillingReceipt>> OverdueAsync(string invoiceId, string organizationId = "org_a") =>
        ReceiveAsync(BillingEventType.InvoiceOverdue, invoiceId, organizationId);

    public Task<Result<BillingReceipt>> PaidAsync(string invoiceId, string organizationId = "org_a") =>
        ReceiveAsync(BillingEventType.InvoicePaid, invoiceId, organizationId);

    public BillingEvent Event(BillingEventType type, string invoiceId, string organizationId = "org_a", string? eventId = null) =>
        new(eventId ?? $"evt_{Interlocked.Increment(ref lastEventId)}", type, organizationId, invoiceId, Time.GetUtcNow());

    /// <summary>Delivers every timer due now, as the queue would, until none is left.</summary>
    public async Task<IReadOnlyList<TimerOutcome>> DeliverDueAsync()
    {
        var outcomes = new List<TimerOutcome>();
        for (var round = 0; round < 100; round++)
        {
            var delivered = await Timers.DeliverDueAsync(Runtime);
            if (delivered.Count == 0)
            {
                break;
            }

            outcomes.AddRange(delivered);
        }

        return outcomes;
    }

    /// <summary>Moves fake time on by <paramref name="by"/> and delivers every timer then due.</summary>
    public Task<IReadOnlyList<TimerOutcome>> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return DeliverDueAsync();
    }

    public WorkflowInstance? NoticeInstance(DateTimeOffset suspendedSince, string organizationId = "org_a") =>
        Workflows[BillingSuspensionNoticeWorkflow.WorkflowName, BillingSuspensionNoticeWorkflow.InstanceFor(organizationId, suspendedSince)];

    public WorkflowInstance? ReactivationInstance(string organizationId = "org_a") =>
        Workflows[BillingReactivationWorkflow.WorkflowName, organizationId];

    public IEnumerable<AuditEvent> EventsOf(AuditAction action, string organizationId = "org_a") =>
        Organizations.EventsOf(organizationId).Where(e => e.Action == action);

    /// <summary>Arranges a user (an account and its member-index entries).</summary>
    public User AddUser(User user)
    {
        Users.Add(user);
        return user;
    }
}
