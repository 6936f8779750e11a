using AccountAccess.Core.Members;

namespace AccountAccess.Functions.Contracts;

/// <summary>GET /api/organizations/{orgId}/members: one page of members, and the token of the next (null after the last).</summary>
public sealed record MemberListResponse(IReadOnlyList<MemberResponse> Members, string? ContinuationToken)
{
    public static MemberListResponse From(MemberList list) =>
        new(list.Members.Select(MemberResponse.From).ToList(), list.ContinuationToken);
}
