using AccountAccess.Core.Accounts;

namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/organizations/{orgId}/members.</summary>
public sealed record AddMemberBody(string? UserId, Role? Role, string[]? UnitIds, Permission[]? Permissions);
