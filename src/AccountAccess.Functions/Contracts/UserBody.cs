using AccountAccess.Core.Accounts;

namespace AccountAccess.Functions.Contracts;

/// <summary>The user object of API.md on input (POST /api/organizations/{orgId}/users).</summary>
public sealed record UserBody(
    string? Username,
    string? DisplayName,
    Role? Role,
    string? Email,
    string[]? SecondaryEmails,
    string? Phone,
    string[]? UnitIds,
    Permission[]? Permissions,
    string? Password,
    bool? Visible,
    DateOnly? DepartureDate,
    Locale? Locale,
    ContactChannel? PreferredChannel);
