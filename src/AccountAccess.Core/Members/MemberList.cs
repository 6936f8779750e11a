namespace AccountAccess.Core.Members;

/// <summary>One page of a member search: the members, and the token that asks for the next page (null after the last).</summary>
public sealed record MemberList(IReadOnlyList<ListedMember> Members, string? ContinuationToken);
