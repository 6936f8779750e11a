using System.Globalization;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Billing;

public class BillingEventsTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromHours(24);

    private readonly BillingWorld world = new();

    public BillingEventsTests()
    {
        world.Organizations.Add(Organization("org_a"));
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private async Task SuspendAsync()
    {
        await world.OverdueAsync("inv_1");
        await world.OverdueAsync("inv_2");
    }

    /// <summary>Suspended at <see cref="TestData.Start"/>, then inv_1 paid an hour later: access is due back a day after that.</summary>
    private async Task<DateTimeOffset> SuspendThenPayOneAsync()
    {
        await SuspendAsync();
        world.Time.Advance(TimeSpan.FromHours(1));
        await world.PaidAsync("inv_1");
        return Start + TimeSpan.FromHours(1) + Delay;
    }

    [Fact]
    public async Task An_event_for_an_unknown_organization_is_not_found_naming_it()
    {
        var result = await world.OverdueAsync("inv_1", organizationId: "org_unknown");

        Assert.Equal(ErrorCode.NotFound, result.Failure?.Code);
        Assert.Equal("org_unknown", result.Failure!.Details["organizationId"]);
        Assert.Empty(world.Workflows.NoticesStarted);
        Assert.Empty(world.Workflows.ReactivationsScheduled);
    }

    [Fact]
    public async Task One_overdue_invoice_is_recorded_and_access_stays()
    {
        var result = await world.OverdueAsync("inv_1");

        Assert.False(result.Value.Duplicate);
        Assert.Equal(BillingTransition.Recorded, result.Value.Transition);
        Assert.Equal(1, world.Organizations["org_a"].Billing.UnpaidInvoices);
        Assert.Null(world.Organizations["org_a"].Suspension);
    }

    [Fact]
    public async Task An_overdue_invoice_is_recorded_on_the_organization_with_the_event_and_the_billing_system()
    {
        var billingEvent = world.Event(BillingEventType.InvoiceOverdue, "inv_1", eventId: "evt_overdue_1");

        await world.Events.ReceiveAsync(billingEvent, BillingWorld.FromBillingSystem, CancellationToken.None);

        var overdue = Assert.Single(world.EventsOf(AuditAction.InvoiceOverdue));
        Assert.Equal(Actor.BillingSystem, overdue.Actor);
        Assert.Equal(BillingWorld.FromBillingSystem.Ip, overdue.Ip);
        Assert.Equal("invoice_overdue", overdue.Reason);
        Assert.Equal("evt_overdue_1", overdue.Details!["eventId"]);
        Assert.Equal("inv_1", overdue.Details["invoiceId"]);
        Assert.Equal(Iso(Start), overdue.Details["occurredAt"]);
        Assert.Equal("1", overdue.Details["unpaidInvoices"]);
    }

    [Fact]
    public async Task A_replayed_event_id_is_a_duplicate_and_changes_nothing()
    {
        var billingEvent = world.Event(BillingEventType.InvoiceOverdue, "inv_1", eventId: "evt_once");
        await world.Events.ReceiveAsync(billingEvent, BillingWorld.FromBillingSystem, CancellationToken.None);
        var before = world.Organizations["org_a"];

        var replay = await world.Events.ReceiveAsync(billingEvent, BillingWorld.FromBillingSystem, CancellationToken.None);

        Assert.True(replay.Value.Duplicate);
        Assert.Equal(BillingTransition.Ignored, replay.Value.Transition);
        Assert.Equal(1, replay.Value.State.UnpaidInvoices);
        Assert.Same(before, world.Organizations["org_a"]);
        Assert.Single(world.Organizations.EventsOf("org_a"));
    }

    [Fact]
    public async Task An_event_id_already_processed_is_a_duplicate_whatever_it_carries()
    {
        await world.ReceiveAsync(BillingEventType.InvoiceOverdue, "inv_1", eventId: "evt_once");

        var replay = await world.ReceiveAsync(BillingEventType.InvoiceOverdue, "inv_2", eventId: "evt_once");

        Assert.True(replay.Value.Duplicate);
        Assert.Equal(["inv_1"], world.Organizations["org_a"].Billing.OverdueInvoiceIds);
        Assert.False(world.Organizations["org_a"].Billing.Suspended);
    }

    [Fact]
    public async Task An_overdue_event_for_a_paid_invoice_is_recorded_as_ignored()
    {
        await world.PaidAsync("inv_1");

        var late = await world.OverdueAsync("inv_1");

        Assert.False(late.Value.Duplicate);
        Assert.Equal(BillingTransition.Ignored, late.Value.Transition);
        Assert.Equal(0, world.Organizations["org_a"].Billing.UnpaidInvoices);
        Assert.Equal("invoice_overdue", Assert.Single(world.EventsOf(AuditAction.BillingEventIgnored)).Reason);
        Assert.Empty(world.EventsOf(AuditAction.InvoiceOverdue));
    }

    [Fact]
    public async Task Two_overdue_invoices_suspend_access_with_reason_billing()
    {
        await world.OverdueAsync("inv_1");
        world.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await world.OverdueAsync("inv_2");

        Assert.Equal(BillingTransition.Suspended, result.Value.Transition);
        var organization = world.Organizations["org_a"];
        Assert.Equal(SuspensionReason.Billing, organization.Suspension);
        Assert.Equal(Start + TimeSpan.FromMinutes(5), organization.SuspendedSince);
    }

    [Fact]
    public async Task A_suspension_is_recorded_as_organization_suspended_with_reason_billing()
    {
        await SuspendAsync();

        var suspended = Assert.Single(world.EventsOf(AuditAction.OrganizationSuspended));
        Assert.Equal("billing", suspended.Reason);
        Assert.Equal(Actor.BillingSystem, suspended.Actor);
        Assert.Equal("inv_2", suspended.Details!["invoiceId"]);
        Assert.Equal("2", suspended.Details["unpaidInvoices"]);
        Assert.Equal(2, world.EventsOf(AuditAction.InvoiceOverdue).Count());
    }

    [Fact]
    public async Task A_suspension_starts_its_notice()
    {
        await SuspendAsync();

        Assert.Equal([("org_a", Start)], world.Workflows.NoticesStarted);
        Assert.Null(world.Workflows.NoticeOutcome("org_a", Start));
    }

    [Fact]
    public async Task A_payment_below_two_is_recorded_as_reactivation_scheduled_with_its_due_time()
    {
        var dueAt = await SuspendThenPayOneAsync();

        var scheduled = Assert.Single(world.EventsOf(AuditAction.BillingReactivationScheduled));
        Assert.Equal("billing", scheduled.Reason);
        Assert.Equal(Iso(dueAt), scheduled.Details!["reactivationDueAt"]);
        Assert.Equal("1", scheduled.Details["unpaidInvoices"]);
        Assert.Equal("inv_1", Assert.Single(world.EventsOf(AuditAction.InvoicePaid)).Details!["invoiceId"]);
    }

    [Fact]
    public async Task A_payment_below_two_starts_the_reactivation_delay()
    {
        var dueAt = await SuspendThenPayOneAsync();

        Assert.Equal(new ReactivationInstance(dueAt, Running: true, Outcome: null), world.ReactivationInstance());
        Assert.Equal(dueAt, world.Organizations["org_a"].Billing.ReactivationDueAt);
        Assert.Equal([("org_a", dueAt)], world.Workflows.ReactivationsScheduled);
    }

    [Fact]
    public async Task The_reactivation_is_due_after_the_configured_delay()
    {
        var world = new BillingWorld(new BillingSettings { ReactivationDelay = TimeSpan.FromHours(48) });
        world.Organizations.Add(Organization("org_a"));
        await world.OverdueAsync("inv_1");
        await world.OverdueAsync("inv_2");

        var result = await world.PaidAsync("inv_2");

        Assert.Equal(Start + TimeSpan.FromHours(48), result.Value.State.ReactivationDueAt);
        Assert.Equal(Start + TimeSpan.FromHours(48), world.ReactivationInstance()!.DueAt);
    }

    [Fact]
    public async Task A_new_overdue_invoice_during_the_delay_is_recorded_as_reactivation_cancelled()
    {
        await SuspendThenPayOneAsync();

        var result = await world.OverdueAsync("inv_3");

        Assert.Equal(BillingTransition.ReactivationCancelled, result.Value.Transition);
        var cancelled = Assert.Single(world.EventsOf(AuditAction.BillingReactivationCancelled));
        Assert.Equal("billing", cancelled.Reason);
        Assert.Equal("inv_3", cancelled.Details!["invoiceId"]);
        Assert.False(cancelled.Details.ContainsKey("reactivationDueAt"));
        Assert.Null(world.Organizations["org_a"].Billing.ReactivationDueAt);
    }

    [Fact]
    public async Task A_new_overdue_invoice_during_the_delay_cancels_it()
    {
        await SuspendThenPayOneAsync();

        await world.OverdueAsync("inv_3");

        var reactivation = world.ReactivationInstance()!;
        Assert.False(reactivation.Running);
        Assert.Equal("cancelled", reactivation.Outcome);
    }

    [Fact]
    public async Task A_suspension_keeps_one_notice_however_many_events_follow()
    {
        await SuspendAsync();

        await world.OverdueAsync("inv_3");
        await world.PaidAsync("inv_3");

        Assert.Single(world.Workflows.NoticesStarted);
    }

    [Fact]
    public async Task A_concurrent_event_saved_between_read_and_save_is_retried_and_both_count()
    {
        await world.OverdueAsync("inv_1");
        // Another request's event for the same organization is saved between this request's read and its save.
        world.Organizations.BeforeNextSave(() =>
            world.OverdueAsync("inv_2").GetAwaiter().GetResult());

        var result = await world.Time.AdvanceUntilDoneAsync(world.OverdueAsync("inv_3"));

        Assert.Equal(1, world.Organizations.ConflictCount);
        Assert.Equal(BillingTransition.Recorded, result.Value.Transition);
        Assert.Equal(["inv_1", "inv_2", "inv_3"], world.Organizations["org_a"].Billing.OverdueInvoiceIds);
        Assert.Equal(3, world.EventsOf(AuditAction.InvoiceOverdue).Count());
    }

    [Fact]
    public async Task Two_concurrent_overdue_invoices_both_count_and_suspend_once()
    {
        world.Organizations.BeforeNextSave(() =>
            world.OverdueAsync("inv_1").GetAwaiter().GetResult());

        var result = await world.Time.AdvanceUntilDoneAsync(world.OverdueAsync("inv_2"));

        Assert.Equal(BillingTransition.Suspended, result.Value.Transition);
        Assert.Equal(2, world.Organizations["org_a"].Billing.UnpaidInvoices);
        Assert.Single(world.EventsOf(AuditAction.OrganizationSuspended));
        Assert.True(world.Workflows.NoticeStarted("org_a", world.Organizations["org_a"].Billing.SuspendedSince!.Value));
    }

    [Fact]
    public async Task A_replay_after_a_crash_before_the_follow_up_starts_the_missing_notice()
    {
        // The first delivery saves the suspension, then its process dies before the notice workflow is started.
        var crashing = new BillingEvents(
            world.Organizations,
            new BillingFollowUp(new UnreachableWorkflows()),
            world.Settings,
            world.Time);
        await world.OverdueAsync("inv_1");
        var suspending = world.Event(BillingEventType.InvoiceOverdue, "inv_2", eventId: "evt_suspending");
        await Assert.ThrowsAsync<IOException>(() => crashing.ReceiveAsync(suspending, BillingWorld.FromBillingSystem, CancellationToken.None));
        Assert.False(world.Workflows.NoticeStarted("org_a", Start));

        var retry = await world.Events.ReceiveAsync(suspending, BillingWorld.FromBillingSystem, CancellationToken.None);

        Assert.True(retry.Value.Duplicate);
        Assert.True(world.Workflows.NoticeStarted("org_a", Start));
    }

    private sealed class UnreachableWorkflows : IBillingWorkflows
    {
        public Task NotifySuspensionAsync(string organizationId, DateTimeOffset suspendedSince, CancellationToken cancellationToken) =>
            throw new IOException("The process died (test).");

        public Task<DateTimeOffset?> PendingReactivationAsync(string organizationId, CancellationToken cancellationToken) =>
            throw new IOException("The process died (test).");

        public Task ScheduleReactivationAsync(string organizationId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
            throw new IOException("The process died (test).");

        public Task CancelReactivationAsync(string organizationId, CancellationToken cancellationToken) =>
            throw new IOException("The process died (test).");
    }
}
