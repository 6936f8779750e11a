namespace AccountAccess.Core.Accounts;

/// <summary>A user's place in one organization: role, unit rights, permissions and whether the organization revoked its access.</summary>
public sealed record Membership(
    string OrganizationId,
    Role Role,
    IReadOnlyList<string> UnitIds,
    IReadOnlyList<Permission> Permissions,
    DateTimeOffset JoinedAt,
    DateTimeOffset? AccessRevokedAt = null)
{
    public bool AccessRevoked => AccessRevokedAt is not null;

    public bool Has(Permission permission) =>
        (Role == Role.Administrator && permission != Permission.Support) || Permissions.Contains(permission);

    /// <summary>
    /// Whether the member can act in some unit ("no enterprise linked" otherwise). Administrators have every unit
    /// of their organization; employees and managers need at least one; clients are not tied to units.
    /// </summary>
    public bool HasUnitRights => Role is Role.Client or Role.Administrator || UnitIds.Count > 0;

    public bool SharesUnitWith(Membership other) =>
        OrganizationId == other.OrganizationId && UnitIds.Intersect(other.UnitIds).Any();
}
