namespace AccountAccess.Functions.Orchestrations.BillingReactivations;

/// <summary>
/// The delay a reactivation orchestration waits out: its input, and the event that gives a running instance a new end
/// in place of its own.
/// </summary>
public sealed record ReactivationScheduled(string OrganizationId, DateTimeOffset DueAt)
{
    public const string EventName = "ReactivationScheduled";
}
