using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Members;

/// <summary>A rebuild of the member index: of one organization, or of every one (<see cref="OrganizationId"/> null), and who asked.</summary>
public sealed record MemberIndexRebuildRequest(string? OrganizationId, RequestContext RequestedBy, DateTimeOffset RequestedAt)
{
    /// <summary>The id a rebuild of this scope runs under: the organization's id, or <c>all</c>.</summary>
    public string ScopeId => OrganizationId ?? AllOrganizations;

    public const string AllOrganizations = "all";
}
