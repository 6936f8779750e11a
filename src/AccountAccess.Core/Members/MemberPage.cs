using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Members;

/// <summary>
/// One page of a member search as the index gives it: the entries found, and where the next page starts (null once the
/// range is read to its end). A page may hold fewer than asked while <see cref="Next"/> is set: the index reads a bounded
/// number of entries per page.
/// </summary>
public sealed record MemberPage(IReadOnlyList<OrganizationMember> Members, string? Next);
