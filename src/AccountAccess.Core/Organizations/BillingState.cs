namespace AccountAccess.Core.Organizations;

/// <summary>
/// What billing says of an organization: its overdue invoices, since when access is suspended for them, and when a
/// payment will bring access back (the reactivation delay). Changed only by <see cref="Billing.BillingRules"/>.
/// </summary>
public sealed record BillingState(IReadOnlyList<string> OverdueInvoiceIds, DateTimeOffset? SuspendedSince)
{
    public static BillingState InGoodStanding { get; } = new([], null);

    /// <summary>Recently paid invoices, newest last: a late <c>invoice.overdue</c> for one of them is ignored.</summary>
    public IReadOnlyList<string> PaidInvoiceIds { get; init; } = [];

    /// <summary>When access comes back, once payments brought the overdue invoices below two; null when none is pending.</summary>
    public DateTimeOffset? ReactivationDueAt { get; init; }

    /// <summary>When access last came back after a billing suspension.</summary>
    public DateTimeOffset? RestoredAt { get; init; }

    /// <summary>The suspension (its <see cref="SuspendedSince"/>) whose notice went out: a step run again sends no second one.</summary>
    public DateTimeOffset? SuspensionNoticeFor { get; init; }

    /// <summary>The restoration (its <see cref="RestoredAt"/>) whose notice went out: a step run again sends no second one.</summary>
    public DateTimeOffset? RestorationNoticeFor { get; init; }

    public int UnpaidInvoices => OverdueInvoiceIds.Count;

    public bool Suspended => SuspendedSince is not null;
}
