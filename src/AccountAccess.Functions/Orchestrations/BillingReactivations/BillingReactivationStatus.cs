namespace AccountAccess.Functions.Orchestrations.BillingReactivations;

/// <summary>The custom status of a reactivation orchestration, as operators see it: access comes back at <see cref="DueAt"/>.</summary>
public sealed record BillingReactivationStatus(string Step, DateTimeOffset DueAt)
{
    public const string ReactivateStep = "reactivate";
}
