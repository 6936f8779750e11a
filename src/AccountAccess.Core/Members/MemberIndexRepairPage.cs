namespace AccountAccess.Core.Members;

/// <summary>
/// What one page of a member-index rebuild did: the accounts it read, what it did to their entries by organization, and
/// where the next page starts (null after the last account).
/// </summary>
public sealed record MemberIndexRepairPage(int AccountsRead, IReadOnlyDictionary<string, MemberIndexTally> Organizations, string? ContinuationToken);
