using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>The billing state after an event, and what that did to access.</summary>
public sealed record BillingDecision(BillingState State, BillingTransition Transition);
