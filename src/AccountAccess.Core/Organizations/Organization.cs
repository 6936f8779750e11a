namespace AccountAccess.Core.Organizations;

/// <summary>A customer company: its policy, whether it still uses the service and its billing state.</summary>
public sealed record Organization
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Who is told about security events (suspicious activity) and billing suspensions.</summary>
    public string? PrimaryContactEmail { get; init; }

    public OrganizationPolicy Policy { get; init; } = OrganizationPolicy.Default;

    public OrganizationStatus Status { get; init; } = OrganizationStatus.Active;

    public DateTimeOffset? LeftServiceAt { get; init; }

    public BillingState Billing { get; init; } = BillingState.InGoodStanding;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Why members cannot sign in because of the organization, or null when they can.</summary>
    public SuspensionReason? Suspension =>
        Status == OrganizationStatus.LeftService ? SuspensionReason.LeftService
        : Billing.Suspended ? SuspensionReason.Billing
        : null;

    public DateTimeOffset? SuspendedSince =>
        Status == OrganizationStatus.LeftService ? LeftServiceAt : Billing.SuspendedSince;
}
