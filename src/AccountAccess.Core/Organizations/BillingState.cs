namespace AccountAccess.Core.Organizations;

/// <summary>What billing says of an organization: its overdue invoices and since when access is suspended for them.</summary>
public sealed record BillingState(IReadOnlyList<string> OverdueInvoiceIds, DateTimeOffset? SuspendedSince)
{
    public static BillingState InGoodStanding { get; } = new([], null);

    public int UnpaidInvoices => OverdueInvoiceIds.Count;

    public bool Suspended => SuspendedSince is not null;
}
