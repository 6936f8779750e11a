using AccountAccess.Core.Billing;
using AccountAccess.Core.Organizations;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Billing;

public class BillingRulesTests
{
    private static readonly BillingSettings Settings = new();

    private static readonly TimeSpan Delay = TimeSpan.FromHours(24);

    /// <summary>Suspended since <see cref="TestData.Start"/> for <paramref name="overdueInvoiceIds"/>.</summary>
    private static BillingState SuspendedFor(params string[] overdueInvoiceIds) => new(overdueInvoiceIds, Start);

    private static BillingDecision Overdue(BillingState state, string invoiceId, DateTimeOffset? at = null) =>
        BillingRules.Apply(state, BillingEventType.InvoiceOverdue, invoiceId, at ?? Start, Settings);

    private static BillingDecision Paid(BillingState state, string invoiceId, DateTimeOffset? at = null, BillingSettings? settings = null) =>
        BillingRules.Apply(state, BillingEventType.InvoicePaid, invoiceId, at ?? Start, settings ?? Settings);

    [Fact]
    public void One_overdue_invoice_is_recorded_without_suspending_access()
    {
        var decision = Overdue(BillingState.InGoodStanding, "inv_1");

        Assert.Equal(BillingTransition.Recorded, decision.Transition);
        Assert.Equal(["inv_1"], decision.State.OverdueInvoiceIds);
        Assert.False(decision.State.Suspended);
        Assert.Null(decision.State.SuspendedSince);
    }

    [Fact]
    public void A_second_distinct_overdue_invoice_suspends_access_from_now()
    {
        var oneOverdue = Overdue(BillingState.InGoodStanding, "inv_1").State;
        var now = Start + TimeSpan.FromDays(3);

        var decision = Overdue(oneOverdue, "inv_2", now);

        Assert.Equal(BillingTransition.Suspended, decision.Transition);
        Assert.Equal(now, decision.State.SuspendedSince);
        Assert.Equal(2, decision.State.UnpaidInvoices);
        Assert.Null(decision.State.ReactivationDueAt);
    }

    [Fact]
    public void The_same_invoice_overdue_twice_is_ignored()
    {
        var oneOverdue = Overdue(BillingState.InGoodStanding, "inv_1").State;

        var decision = Overdue(oneOverdue, "inv_1", Start + TimeSpan.FromHours(1));

        Assert.Equal(BillingTransition.Ignored, decision.Transition);
        Assert.Same(oneOverdue, decision.State);
        Assert.False(decision.State.Suspended);
    }

    [Fact]
    public void An_overdue_event_arriving_after_the_invoice_was_paid_is_ignored()
    {
        var oneOverdue = Overdue(BillingState.InGoodStanding, "inv_1").State;
        var paidFirst = Paid(oneOverdue, "inv_2").State;

        var decision = Overdue(paidFirst, "inv_2", Start + TimeSpan.FromMinutes(1));

        Assert.Equal(BillingTransition.Ignored, decision.Transition);
        Assert.Equal(1, decision.State.UnpaidInvoices);
        Assert.False(decision.State.Suspended);
    }

    [Fact]
    public void A_payment_for_an_invoice_already_paid_is_ignored()
    {
        var paid = Paid(Overdue(BillingState.InGoodStanding, "inv_1").State, "inv_1").State;

        var decision = Paid(paid, "inv_1", Start + TimeSpan.FromHours(1));

        Assert.Equal(BillingTransition.Ignored, decision.Transition);
        Assert.Same(paid, decision.State);
    }

    [Fact]
    public void A_payment_without_a_suspension_is_recorded_and_schedules_nothing()
    {
        var decision = Paid(Overdue(BillingState.InGoodStanding, "inv_1").State, "inv_1");

        Assert.Equal(BillingTransition.Recorded, decision.Transition);
        Assert.Empty(decision.State.OverdueInvoiceIds);
        Assert.Equal(["inv_1"], decision.State.PaidInvoiceIds);
        Assert.Null(decision.State.ReactivationDueAt);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(48)]
    [InlineData(1)]
    public void A_payment_that_brings_a_suspension_below_two_schedules_access_back_after_the_delay(int delayHours)
    {
        var settings = new BillingSettings { ReactivationDelay = TimeSpan.FromHours(delayHours) };
        var paidAt = Start + TimeSpan.FromDays(2);

        var decision = Paid(SuspendedFor("inv_1", "inv_2"), "inv_1", paidAt, settings);

        Assert.Equal(BillingTransition.ReactivationScheduled, decision.Transition);
        Assert.Equal(paidAt + TimeSpan.FromHours(delayHours), decision.State.ReactivationDueAt);
        Assert.Equal(Start, decision.State.SuspendedSince);
        Assert.Equal(["inv_2"], decision.State.OverdueInvoiceIds);
    }

    [Fact]
    public void A_payment_that_leaves_two_invoices_overdue_is_recorded_and_access_stays_suspended()
    {
        var decision = Paid(SuspendedFor("inv_1", "inv_2", "inv_3"), "inv_1", Start + TimeSpan.FromHours(1));

        Assert.Equal(BillingTransition.Recorded, decision.Transition);
        Assert.Equal(Start, decision.State.SuspendedSince);
        Assert.Equal(2, decision.State.UnpaidInvoices);
        Assert.Null(decision.State.ReactivationDueAt);
    }

    [Fact]
    public void A_second_payment_during_the_delay_keeps_the_first_due_time()
    {
        var firstPaidAt = Start + TimeSpan.FromHours(1);
        var scheduled = Paid(SuspendedFor("inv_1", "inv_2"), "inv_1", firstPaidAt).State;

        var decision = Paid(scheduled, "inv_2", firstPaidAt + TimeSpan.FromHours(5));

        Assert.Equal(BillingTransition.Recorded, decision.Transition);
        Assert.Equal(firstPaidAt + Delay, decision.State.ReactivationDueAt);
        Assert.Equal(0, decision.State.UnpaidInvoices);
        Assert.True(decision.State.Suspended);
    }

    [Fact]
    public void A_new_overdue_invoice_during_the_delay_cancels_it_and_access_stays_suspended()
    {
        var scheduled = Paid(SuspendedFor("inv_1", "inv_2"), "inv_1", Start + TimeSpan.FromHours(1)).State;

        var decision = Overdue(scheduled, "inv_3", Start + TimeSpan.FromHours(2));

        Assert.Equal(BillingTransition.ReactivationCancelled, decision.Transition);
        Assert.Null(decision.State.ReactivationDueAt);
        Assert.Equal(Start, decision.State.SuspendedSince);
        Assert.Equal(["inv_2", "inv_3"], decision.State.OverdueInvoiceIds);
    }

    [Fact]
    public void Any_new_overdue_invoice_during_the_delay_cancels_it_even_below_two()
    {
        var allPaid = Paid(Paid(SuspendedFor("inv_1", "inv_2"), "inv_1").State, "inv_2").State;

        var decision = Overdue(allPaid, "inv_3", Start + TimeSpan.FromHours(2));
        var paidAgain = Paid(decision.State, "inv_3", Start + TimeSpan.FromHours(3));

        Assert.Equal(BillingTransition.ReactivationCancelled, decision.Transition);
        Assert.True(decision.State.Suspended);
        Assert.Null(decision.State.ReactivationDueAt);
        Assert.Equal(BillingTransition.ReactivationScheduled, paidAgain.Transition);
        Assert.Equal(Start + TimeSpan.FromHours(3) + Delay, paidAgain.State.ReactivationDueAt);
    }

    [Fact]
    public void The_end_of_the_pending_delay_restores_access()
    {
        var scheduled = Paid(SuspendedFor("inv_1", "inv_2"), "inv_1", Start + TimeSpan.FromHours(1)).State;
        var dueAt = scheduled.ReactivationDueAt!.Value;
        var now = dueAt + TimeSpan.FromSeconds(30);

        var decision = BillingRules.Reactivate(scheduled, dueAt, now);

        Assert.Equal(BillingTransition.Restored, decision.Transition);
        Assert.Null(decision.State.SuspendedSince);
        Assert.False(decision.State.Suspended);
        Assert.Null(decision.State.ReactivationDueAt);
        Assert.Equal(now, decision.State.RestoredAt);
        Assert.Equal(["inv_2"], decision.State.OverdueInvoiceIds);
    }

    [Fact]
    public void The_end_of_a_cancelled_delay_is_ignored()
    {
        var scheduled = Paid(SuspendedFor("inv_1", "inv_2"), "inv_1", Start + TimeSpan.FromHours(1)).State;
        var dueAt = scheduled.ReactivationDueAt!.Value;
        var cancelled = Overdue(scheduled, "inv_3", Start + TimeSpan.FromHours(2)).State;

        var decision = BillingRules.Reactivate(cancelled, dueAt, dueAt);

        Assert.Equal(BillingTransition.Ignored, decision.Transition);
        Assert.Same(cancelled, decision.State);
        Assert.Equal(Start, decision.State.SuspendedSince);
    }

    [Fact]
    public void The_end_of_a_delay_replaced_by_a_newer_one_is_ignored()
    {
        var firstDelay = Paid(SuspendedFor("inv_1", "inv_2"), "inv_1", Start + TimeSpan.FromHours(1)).State;
        var staleDueAt = firstDelay.ReactivationDueAt!.Value;
        var cancelled = Overdue(firstDelay, "inv_3", Start + TimeSpan.FromHours(2)).State;
        var newerDelay = Paid(cancelled, "inv_3", Start + TimeSpan.FromHours(3)).State;

        var decision = BillingRules.Reactivate(newerDelay, staleDueAt, staleDueAt);

        Assert.Equal(BillingTransition.Ignored, decision.Transition);
        Assert.True(decision.State.Suspended);
        Assert.Equal(Start + TimeSpan.FromHours(3) + Delay, decision.State.ReactivationDueAt);
    }

    [Fact]
    public void After_access_came_back_two_overdue_invoices_suspend_it_again_from_the_new_time()
    {
        var scheduled = Paid(SuspendedFor("inv_1", "inv_2"), "inv_1", Start).State;
        var restored = BillingRules.Reactivate(scheduled, Start + Delay, Start + Delay).State;
        var now = Start + TimeSpan.FromDays(30);

        var decision = Overdue(restored, "inv_3", now);

        Assert.Equal(BillingTransition.Suspended, decision.Transition);
        Assert.Equal(now, decision.State.SuspendedSince);
        Assert.Equal(Start + Delay, decision.State.RestoredAt);
    }

    [Fact]
    public void Paid_invoice_ids_are_bounded_keeping_the_newest()
    {
        var state = BillingState.InGoodStanding;
        for (var i = 1; i <= BillingSettings.PaidInvoicesKept + 1; i++)
        {
            state = Paid(state, $"inv_{i}").State;
        }

        Assert.Equal(BillingSettings.PaidInvoicesKept, state.PaidInvoiceIds.Count);
        Assert.Equal("inv_2", state.PaidInvoiceIds[0]);
        Assert.Equal($"inv_{BillingSettings.PaidInvoicesKept + 1}", state.PaidInvoiceIds[^1]);
    }
}
