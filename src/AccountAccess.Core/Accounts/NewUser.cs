using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Accounts;

/// <summary>A user to create in an organization (API.md "User object"). Without a password, the account is pending activation.</summary>
public sealed record NewUser(
    string Username,
    string DisplayName,
    Role Role,
    string? Email = null,
    IReadOnlyList<string>? SecondaryEmails = null,
    string? Phone = null,
    IReadOnlyList<string>? UnitIds = null,
    IReadOnlyList<Permission>? Permissions = null,
    string? Password = null,
    bool Visible = true,
    DateOnly? DepartureDate = null,
    Locale Locale = Locale.En,
    ContactChannel PreferredChannel = ContactChannel.Email);
