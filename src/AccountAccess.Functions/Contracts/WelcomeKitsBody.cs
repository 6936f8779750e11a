namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/organizations/{orgId}/welcome-kits, optional: without <c>userIds</c>, every member pending activation.</summary>
public sealed record WelcomeKitsBody(string?[]? UserIds);
