using AccountAccess.Core.Accounts;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Members;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Rebuilds the member index (<see cref="MemberIndex"/>) from the <c>Users</c> table: one page of account rows at a time,
/// in key order, with the table's own continuation token. The accounts have no index by organization but this one, so a
/// rebuild of one organization still reads every account (a maintenance job run once per upgrade, not a request's path)
/// and writes only that organization's entries. After the accounts, a sweep of the index's own rows removes the orphans
/// (<see cref="SweepPageAsync"/>): entries of erased accounts, or left by a save that died between its index write and its
/// account write.
/// </summary>
public sealed class TableMemberIndexRepair(StorageTables tables, TimeProvider time) : IMemberIndexRepair
{
    /// <summary>
    /// How long an entry stands before the sweep may call it an orphan. Saves write the index before the account, so an
    /// entry younger than this may belong to a save still on its way (a new member, a new account); a save takes
    /// milliseconds, and one that has not reached its account after this long has failed.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(10);

    // Members' own rows only (keyed by their user id), in every partition.
    private const string EveryMemberRow = "RowKey ge 'usr_' and RowKey lt 'usr`'";

    // Account rows only: ids start usr_ ('`' follows '_'); decoy partitions and other rows are not accounts.
    private static readonly string AccountRows =
        $"PartitionKey ge 'usr_' and PartitionKey lt 'usr`' and RowKey eq '{TableKeys.UserRow}'";

    private readonly MemberIndex index = new(tables);

    public async Task<MemberIndexRepairPage> RepairPageAsync(string? organizationId, string? continuationToken, int max, CancellationToken cancellationToken)
    {
        if (organizationId is not null && !TableKeys.IsSafeId(organizationId))
        {
            return new MemberIndexRepairPage(0, new Dictionary<string, MemberIndexTally>(), null);
        }

        var users = await tables.GetAsync(StorageTables.Users, cancellationToken);
        var tallies = new Dictionary<string, MemberIndexTally>(StringComparer.Ordinal);
        await foreach (var page in users.QueryAsync<TableEntity>(AccountRows, maxPerPage: max, cancellationToken: cancellationToken)
            .AsPages(continuationToken, max).WithCancellation(cancellationToken))
        {
            foreach (var row in page.Values)
            {
                var account = new Versioned<User>(VersionedRows.FromEntity<User>(row), row.ETag.ToString());
                foreach (var (organization, outcome) in await RepairAccountAsync(account, organizationId, cancellationToken))
                {
                    tallies[organization] = tallies.GetValueOrDefault(organization, MemberIndexTally.None).Plus(outcome);
                }
            }

            return new MemberIndexRepairPage(page.Values.Count, tallies, page.ContinuationToken);
        }

        return new MemberIndexRepairPage(0, tallies, null);
    }

    public async Task<MemberIndexRepairPage> SweepPageAsync(string? organizationId, string? continuationToken, int max, CancellationToken cancellationToken)
    {
        if (organizationId is not null && !TableKeys.IsSafeId(organizationId))
        {
            return new MemberIndexRepairPage(0, new Dictionary<string, MemberIndexTally>(), null);
        }

        var members = await tables.GetAsync(StorageTables.Members, cancellationToken);
        var settledBefore = time.GetUtcNow() - SettleTime;
        var tallies = new Dictionary<string, MemberIndexTally>(StringComparer.Ordinal);
        var filter = organizationId is null ? EveryMemberRow : MemberIndexKeys.MemberRowsFilter(organizationId);
        await foreach (var page in members.QueryAsync<TableEntity>(filter, maxPerPage: max, select: ["PartitionKey", "RowKey", "Timestamp"], cancellationToken: cancellationToken)
            .AsPages(continuationToken, max).WithCancellation(cancellationToken))
        {
            foreach (var entry in page.Values.Where(e => e.Timestamp is { } written && written < settledBefore))
            {
                if (await SweepEntryAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken))
                {
                    tallies[entry.PartitionKey] = tallies.GetValueOrDefault(entry.PartitionKey, MemberIndexTally.None).Plus(MemberEntryRepair.Removed);
                }
            }

            return new MemberIndexRepairPage(page.Values.Count, tallies, page.ContinuationToken);
        }

        return new MemberIndexRepairPage(0, tallies, null);
    }

    /// <summary>
    /// Removes the entry of <paramref name="userId"/> in <paramref name="organizationId"/>, as it was <paramref name="read"/>,
    /// when its account is gone or no longer a member there: whether it did. An entry rewritten since it was read stays.
    /// </summary>
    public async Task<bool> SweepEntryAsync(string organizationId, string userId, ETag read, CancellationToken cancellationToken)
    {
        var users = await tables.GetAsync(StorageTables.Users, cancellationToken);
        var account = await VersionedRows.GetAsync<User>(users, userId, TableKeys.UserRow, cancellationToken);
        return account?.Value.Memberships.Any(m => m.OrganizationId == organizationId) != true
            && await index.RemoveOrphanAsync(organizationId, userId, read, cancellationToken);
    }

    /// <summary>
    /// Rebuilds the entries of one account as it was <paramref name="read"/> (in <paramref name="organizationId"/> only, or in
    /// all its organizations), which may be older than the account is by now: what each organization's entry came to.
    /// </summary>
    public async Task<IReadOnlyList<(string OrganizationId, MemberEntryRepair Outcome)>> RepairAccountAsync(
        Versioned<User> read, string? organizationId, CancellationToken cancellationToken)
    {
        var users = await tables.GetAsync(StorageTables.Users, cancellationToken);
        return await index.RebuildAsync(read, organizationId, async (userId, ct) => await VersionedRows.GetAsync<User>(users, userId, TableKeys.UserRow, ct), cancellationToken);
    }
}
