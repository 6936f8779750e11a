using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>What the webhook did with an event: <see cref="Duplicate"/> when its id was seen before (nothing changed).</summary>
public sealed record BillingReceipt(string EventId, string OrganizationId, bool Duplicate, BillingTransition Transition, BillingState State);
