namespace AccountAccess.Core.Billing;

/// <summary>One signed webhook event from the billing system. <see cref="Id"/> is unique per event: a replay has no effect.</summary>
public sealed record BillingEvent(string Id, BillingEventType Type, string OrganizationId, string InvoiceId, DateTimeOffset OccurredAt)
{
    /// <summary>The wire names of <see cref="BillingEventType"/>.</summary>
    public static bool TryParseType(string? wire, out BillingEventType type)
    {
        (var known, type) = wire switch
        {
            "invoice.overdue" => (true, BillingEventType.InvoiceOverdue),
            "invoice.paid" => (true, BillingEventType.InvoicePaid),
            _ => (false, default),
        };
        return known;
    }
}
