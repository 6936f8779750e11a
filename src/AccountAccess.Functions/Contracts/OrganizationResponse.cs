using AccountAccess.Core.Organizations;

namespace AccountAccess.Functions.Contracts;

/// <summary>An organization as API.md shows it.</summary>
public sealed record OrganizationResponse(
    string Id,
    string Name,
    OrganizationStatus Status,
    string? PrimaryContactEmail,
    OrganizationPolicy Policy,
    BillingResponse Billing,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LeftServiceAt,
    IReadOnlyList<PresetDeviation> PolicyPresetDeviations)
{
    public static OrganizationResponse From(Organization o) =>
        new(o.Id, o.Name, o.Status, o.PrimaryContactEmail, o.Policy, BillingResponse.From(o.Billing), o.CreatedAt, o.LeftServiceAt,
            PolicyPresets.Deviations(o.Policy));
}

/// <summary>An organization's billing state: API.md's two fields, then when access was suspended and when it returns.</summary>
public sealed record BillingResponse(int UnpaidInvoices, bool Suspended, DateTimeOffset? SuspendedSince, DateTimeOffset? ReactivationDueAt, DateTimeOffset? RestoredAt)
{
    public static BillingResponse From(BillingState billing) =>
        new(billing.UnpaidInvoices, billing.Suspended, billing.SuspendedSince, billing.ReactivationDueAt, billing.RestoredAt);
}
