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
        new(o.Id, o.Name, o.Status, o.PrimaryContactEmail, o.Policy, new BillingResponse(o.Billing.UnpaidInvoices, o.Billing.Suspended), o.CreatedAt, o.LeftServiceAt,
            PolicyPresets.Deviations(o.Policy));
}

public sealed record BillingResponse(int UnpaidInvoices, bool Suspended);
