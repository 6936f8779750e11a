using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Members;

/// <summary>
/// One search of an organization's members (API.md "Finding people"), every filter optional: the start of a name
/// (<see cref="Prefix"/>, in <see cref="SearchText"/>'s form), a status, a role, a unit, within the reader's
/// <see cref="Scope"/>, judged at <see cref="At"/>. The index narrows by one of them (a range of its keys) and this
/// decides for each entry it reads.
/// </summary>
public sealed record MemberQuery(string? Prefix, MemberStatus? Status, Role? Role, string? UnitId, MemberScope Scope, DateTimeOffset At)
{
    /// <summary>How passwords age in the organization listed (<c>password_expired</c>); none by default.</summary>
    public PasswordAging Passwords { get; init; } = PasswordAging.None;

    /// <summary>The one unit the list is limited to, when there is one: the unit asked for, or a supervisor's only unit.</summary>
    public string? SingleUnit => UnitId ?? (Scope.UnitIds is { Count: 1 } units ? units.Single() : null);

    /// <summary>Whether <paramref name="member"/> answers this query.</summary>
    public bool Matches(OrganizationMember member) =>
        Scope.Includes(member)
        && (Prefix is null || SearchText.TermsOf(member).Any(t => t.StartsWith(Prefix, StringComparison.Ordinal)))
        && (Status is not { } status || MemberStatuses.Has(member, status, At, Passwords))
        && (Role is not { } role || member.Role == role)
        && (UnitId is null || member.UnitIds.Contains(UnitId));

    /// <summary>
    /// The first (in ordinal order) of <paramref name="member"/>'s terms that starts with the prefix: a member found by
    /// several of its names (username, email, display name) is listed once, at that one. Null without a prefix or a match.
    /// </summary>
    public string? FirstMatch(OrganizationMember member) =>
        Prefix is null ? null
        : SearchText.TermsOf(member).Where(t => t.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
}
