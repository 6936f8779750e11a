namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/users/{userId}/revoke-access and /restore-access.</summary>
public sealed record OrganizationAccessBody(string? OrganizationId);
