namespace AccountAccess.Core.Accounts;

/// <summary>
/// The fields PATCH /api/users/{id} may change. <see cref="UnitIds"/> and <see cref="Permissions"/> belong to a
/// membership: the one in <see cref="OrganizationId"/>, which may be omitted when the user has only one.
/// </summary>
public sealed record UserPatch
{
    public Optional<string?> Email { get; init; }

    public Optional<IReadOnlyList<string>> SecondaryEmails { get; init; }

    public Optional<string?> Phone { get; init; }

    public Optional<string> DisplayName { get; init; }

    public Optional<bool> Visible { get; init; }

    public Optional<DateOnly?> DepartureDate { get; init; }

    public Optional<Locale> Locale { get; init; }

    public Optional<ContactChannel> PreferredChannel { get; init; }

    public Optional<IReadOnlyList<string>> UnitIds { get; init; }

    public Optional<IReadOnlyList<Permission>> Permissions { get; init; }

    public string? OrganizationId { get; init; }
}
