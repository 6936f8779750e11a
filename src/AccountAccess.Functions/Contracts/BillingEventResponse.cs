using AccountAccess.Core.Billing;

namespace AccountAccess.Functions.Contracts;

/// <summary>What the webhook did with an event: <c>duplicate</c> when the id was seen before (then nothing changed).</summary>
public sealed record BillingEventResponse(string Id, string OrganizationId, bool Duplicate, BillingTransition Outcome, BillingResponse Billing)
{
    public static BillingEventResponse From(BillingReceipt receipt) =>
        new(receipt.EventId, receipt.OrganizationId, receipt.Duplicate, receipt.Transition, BillingResponse.From(receipt.State));
}
