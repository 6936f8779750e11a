namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/organizations/{orgId}/units.</summary>
public sealed record NameBody(string? Name);
