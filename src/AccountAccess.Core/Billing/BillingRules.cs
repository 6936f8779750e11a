using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>
/// Billing suspensions as pure functions of the state, the event and the time (API.md "Billing webhook"): two or more
/// overdue invoices suspend access; payments that bring them below two restore it after the reactivation delay; a new
/// overdue invoice during the delay cancels it. Events may arrive late or out of order: an invoice paid is never
/// counted overdue again.
/// </summary>
public static class BillingRules
{
    public static BillingDecision Apply(BillingState state, BillingEventType type, string invoiceId, DateTimeOffset now, BillingSettings settings) =>
        type switch
        {
            BillingEventType.InvoiceOverdue => Overdue(state, invoiceId, now),
            BillingEventType.InvoicePaid => Paid(state, invoiceId, now, settings),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    /// <summary>The reactivation delay that ended at <paramref name="dueAt"/>: access is back if that delay is still the pending one.</summary>
    public static BillingDecision Reactivate(BillingState state, DateTimeOffset dueAt, DateTimeOffset now) =>
        state.Suspended && state.ReactivationDueAt == dueAt && state.UnpaidInvoices < BillingSettings.SuspendAtOverdueInvoices
            ? new BillingDecision(state with { SuspendedSince = null, ReactivationDueAt = null, RestoredAt = now }, BillingTransition.Restored)
            : new BillingDecision(state, BillingTransition.Ignored);

    private static BillingDecision Overdue(BillingState state, string invoiceId, DateTimeOffset now)
    {
        if (state.OverdueInvoiceIds.Contains(invoiceId) || state.PaidInvoiceIds.Contains(invoiceId))
        {
            return new BillingDecision(state, BillingTransition.Ignored);
        }

        var updated = state with { OverdueInvoiceIds = [.. state.OverdueInvoiceIds, invoiceId] };

        // API.md: "a new overdue invoice during the delay cancels it", whatever the count; the next payment that leaves
        // fewer than two overdue starts a new delay.
        if (state.ReactivationDueAt is not null)
        {
            return new BillingDecision(updated with { ReactivationDueAt = null }, BillingTransition.ReactivationCancelled);
        }

        return !state.Suspended && updated.UnpaidInvoices >= BillingSettings.SuspendAtOverdueInvoices
            ? new BillingDecision(updated with { SuspendedSince = now }, BillingTransition.Suspended)
            : new BillingDecision(updated, BillingTransition.Recorded);
    }

    private static BillingDecision Paid(BillingState state, string invoiceId, DateTimeOffset now, BillingSettings settings)
    {
        if (state.PaidInvoiceIds.Contains(invoiceId))
        {
            return new BillingDecision(state, BillingTransition.Ignored);
        }

        var updated = state with
        {
            OverdueInvoiceIds = [.. state.OverdueInvoiceIds.Where(id => id != invoiceId)],
            PaidInvoiceIds = [.. state.PaidInvoiceIds.Append(invoiceId).TakeLast(BillingSettings.PaidInvoicesKept)],
        };
        return state.Suspended && state.ReactivationDueAt is null && updated.UnpaidInvoices < BillingSettings.SuspendAtOverdueInvoices
            ? new BillingDecision(updated with { ReactivationDueAt = now + settings.ReactivationDelay }, BillingTransition.ReactivationScheduled)
            : new BillingDecision(updated, BillingTransition.Recorded);
    }
}
