namespace AccountAccess.Core.Billing;

/// <summary>What a billing system tells us about an invoice (API.md <c>type</c>: <c>invoice.overdue</c>, <c>invoice.paid</c>).</summary>
public enum BillingEventType
{
    InvoiceOverdue,
    InvoicePaid,
}
