using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Members;

namespace AccountAccess.Functions.Contracts;

/// <summary>The query string of GET /api/organizations/{orgId}/members (API.md "Finding people"), every parameter optional.</summary>
public sealed record MemberListQuery(string? Q, MemberStatus? Status, Role? Role, string? UnitId, int? Max, string? ContinuationToken)
{
    [Description("The start of a username, display name (or any later word of it, e.g. a family name) or email, case- and accent-insensitive")]
    public string? Q { get; init; } = Q;

    [Description("Members with this status now; password_expired and no_email may come with another")]
    public MemberStatus? Status { get; init; } = Status;

    [Description("Members with this role in the organization")]
    public Role? Role { get; init; } = Role;

    [Description("Members of this unit of the organization")]
    public string? UnitId { get; init; } = UnitId;

    [Description("Members per page; a page may hold fewer while a continuationToken follows")]
    [Range(1, MemberSearch.MaxPerPage)]
    [DefaultValue(MemberSearch.DefaultMax)]
    public int? Max { get; init; } = Max;

    [Description("The continuationToken of the previous page of the same search")]
    public string? ContinuationToken { get; init; } = ContinuationToken;
}
