namespace AccountAccess.Core.Accounts;

/// <summary>
/// One member of an organization as the member index holds it: enough to choose the recipients of an organization's
/// emails and the users a batch of welcome kits is for, without reading every account. The index is written beside
/// the accounts, not atomically with them, so it may trail them for a moment: whatever acts on a member reads the
/// account again.
/// </summary>
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
    public bool Has(Permission permission) => Role == Role.Administrator || Permissions.Contains(permission);

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
            m.AccessRevoked));
}
