namespace AccountAccess.Functions.Contracts;

/// <summary>A billing webhook event as API.md names its fields.</summary>
public sealed record BillingEventBody(string? Id, string? Type, string? OrganizationId, string? InvoiceId, DateTimeOffset? OccurredAt);
