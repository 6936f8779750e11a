using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Members;

/// <summary>What a caller asks of GET /api/organizations/{orgId}/members, parsed but not yet checked.</summary>
public sealed record MemberSearchRequest(
    string? Query = null,
    MemberStatus? Status = null,
    Role? Role = null,
    string? UnitId = null,
    int Max = MemberSearch.DefaultMax,
    string? ContinuationToken = null);
