using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Errors;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// The billing webhook wired as the app composes it, over in-memory stores, fake time and recorded email:
/// <see cref="BillingEvents"/>, <see cref="BillingFollowUp"/>, and the suspension-notice and reactivation
/// orchestrations played in memory over the real activities' Core classes.
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
        Notices = new BillingNotices(Users, Organizations, Email, Settings, Time);
        SuspensionNotice = new BillingSuspensionNotice(Organizations, Notices);
        Reactivation = new BillingReactivation(Organizations, Notices, Time);
        Workflows = new InMemoryBillingWorkflows(() => SuspensionNotice, () => Reactivation, Time);
        FollowUp = new BillingFollowUp(Workflows);
        Events = new BillingEvents(Organizations, FollowUp, Settings, Time);
    }

    public BillingSettings Settings { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryUserStore Users { get; } = new();

    public InMemoryOrganizationStore Organizations { get; } = new();

    public InMemoryBillingWorkflows Workflows { get; }

    public RecordingEmailSender Email { get; } = new();

    public BillingNotices Notices { get; }

    public BillingSuspensionNotice SuspensionNotice { get; }

    public BillingReactivation Reactivation { get; }

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

    /// <summary>Runs the notices not yet sent and the delays ended now, as the orchestrations would.</summary>
    public Task<int> DeliverDueAsync() => Workflows.RunDueAsync();

    /// <summary>Moves fake time on by <paramref name="by"/> and runs what is then due.</summary>
    public Task<int> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return DeliverDueAsync();
    }

    public ReactivationInstance? ReactivationInstance(string organizationId = "org_a") => Workflows.Reactivation(organizationId);

    public IEnumerable<AuditEvent> EventsOf(AuditAction action, string organizationId = "org_a") =>
        Organizations.EventsOf(organizationId).Where(e => e.Action == action);

    /// <summary>Arranges a user (an account and its member-index entries).</summary>
    public User AddUser(User user)
    {
        Users.Add(user);
        return user;
    }
}
