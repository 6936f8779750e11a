namespace AccountAccess.Core.Accounts;

/// <summary>
/// One member of an organization as the member index holds it: enough to choose the recipients of an organization's
/// emails and the users a batch of welcome kits is for, and to find, list and sort an organization's members by name,
/// status, role and unit (with the reasons they cannot sign in), without reading every account. The index is written
/// beside the accounts, not atomically with them, so it may trail them for a moment: whatever acts on a member reads the
/// account again.
/// </summary>
/// <remarks>
/// Nothing in an entry depends on the time, so it changes when the account does, not when a timed lock runs out or a
/// departure date passes: readers judge those against the time they read (<see cref="Members.MemberStatuses"/>). The
/// properties below the first line came with member search; entries written before them read as their defaults, and have no
/// search rows, until the account next changes or an operator rebuilds the index from the accounts
/// (<see cref="Members.MemberIndexRebuild"/>, docs/operator.md "Rebuilding the member index").
/// </remarks>
public sealed record OrganizationMember(
    string OrganizationId,
    string UserId,
    Role Role,
    IReadOnlyList<Permission> Permissions,
    AccountStatus Status,
    bool HasEmail,
    bool Visible,
    DateOnly? DepartureDate,
    bool AccessRevoked)
{
    public string Username { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    /// <summary>The main email.</summary>
    public string? Email { get; init; }

    public IReadOnlyList<string> UnitIds { get; init; } = [];

    /// <summary>The account's lock, whether or not it is still in effect (a timed one ends by itself).</summary>
    public Deactivation? Deactivation { get; init; }

    /// <summary>Null while the account is pending activation.</summary>
    public MemberPassword? Password { get; init; }

    public bool TwoFactorEnrolled { get; init; }

    public DateTimeOffset? AccessRevokedAt { get; init; }

    public bool Has(Permission permission) =>
        (Role == Role.Administrator && permission != Permission.Support) || Permissions.Contains(permission);

    /// <summary>The index entries of <paramref name="user"/>: one per membership.</summary>
    public static IEnumerable<OrganizationMember> Of(User user) =>
        user.Memberships.Select(m => new OrganizationMember(
            m.OrganizationId,
            user.Id,
            m.Role,
            m.Permissions,
            // Without the time: an entry changes when the account does, not when a timed lock runs out.
            user.Deactivation is not null ? AccountStatus.Deactivated : user.Password is null ? AccountStatus.PendingActivation : AccountStatus.Active,
            user.Email is not null,
            user.Visible,
            user.DepartureDate,
            m.AccessRevoked)
        {
            Username = user.Username,
            DisplayName = user.DisplayName,
            Email = user.Email,
            UnitIds = m.UnitIds,
            Deactivation = user.Deactivation,
            Password = user.Password is { } password ? new MemberPassword(password.ChangedAt, password.Temporary, password.ExpiredAt) : null,
            TwoFactorEnrolled = user.TwoFactor.IsEnrolled,
            AccessRevokedAt = m.AccessRevokedAt,
        });
}
