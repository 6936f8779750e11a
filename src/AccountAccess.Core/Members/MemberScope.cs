using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Members;

/// <summary>
/// Which members of an organization a reader may list: all of them (an operator, the organization's administrators), or
/// — for a supervisor — those who share one of its units, never an administrator (<c>AccessRules</c>: a supervisor acts on
/// the people of its units, not on administrators).
/// </summary>
public sealed class MemberScope
{
    private MemberScope(IReadOnlySet<string>? unitIds) => UnitIds = unitIds;

    public static MemberScope WholeOrganization { get; } = new(null);

    /// <summary>The units a supervisor's list is limited to; null for the whole organization.</summary>
    public IReadOnlySet<string>? UnitIds { get; }

    public static MemberScope Units(IEnumerable<string> unitIds) => new(unitIds.ToHashSet(StringComparer.Ordinal));

    public bool Includes(OrganizationMember member) =>
        UnitIds is null || (member.Role != Role.Administrator && member.UnitIds.Any(UnitIds.Contains));
}
