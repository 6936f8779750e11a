namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/organizations.</summary>
public sealed record CreateOrganizationBody(string? Name, string? PrimaryContactEmail, PolicyBody? Policy);
