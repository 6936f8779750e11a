namespace AccountAccess.Functions.Orchestrations.BillingReactivations;

/// <summary>The event that ends a reactivation delay early, restoring nothing: a new overdue invoice.</summary>
public sealed record ReactivationCancelled(string OrganizationId)
{
    public const string EventName = "ReactivationCancelled";
}
