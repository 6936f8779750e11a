namespace AccountAccess.Core.Members;

/// <summary>
/// Rebuilds the member index from the accounts on record, a page of accounts at a time: the entries of members saved
/// before the index (or before one of its keys) existed. Safe to run twice and while accounts change: an entry the live
/// path wrote is never replaced by one made from an older read of its account, only given the keys it lacks.
/// </summary>
public interface IMemberIndexRepair
{
    /// <summary>
    /// Rebuilds the entries of up to <paramref name="max"/> accounts read after <paramref name="continuationToken"/> (null
    /// for the first page): of <paramref name="organizationId"/> only, or of every organization when it is null.
    /// </summary>
    Task<MemberIndexRepairPage> RepairPageAsync(string? organizationId, string? continuationToken, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Sweeps up to <paramref name="max"/> entries of the index read after <paramref name="continuationToken"/> (of
    /// <paramref name="organizationId"/> only, or of every organization when it is null): an entry whose account is gone, or
    /// no longer a member of the entry's organization, is removed — once it has stood long enough that no save that wrote it
    /// can still be on its way to the account (saves write the index first), and only as it was read, so an entry a save
    /// rewrites meanwhile stays. <see cref="MemberIndexRepairPage.AccountsRead"/> counts the entries checked.
    /// </summary>
    Task<MemberIndexRepairPage> SweepPageAsync(string? organizationId, string? continuationToken, int max, CancellationToken cancellationToken);
}
