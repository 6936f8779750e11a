using AccountAccess.Core.Accounts;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Members;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Rebuilds the member index (<see cref="MemberIndex"/>) from the <c>Users</c> table: one page of account rows at a time,
/// in key order, with the table's own continuation token. The accounts have no index by organization but this one, so a
/// rebuild of one organization still reads every account (a maintenance job run once per upgrade, not a request's path)
/// and writes only that organization's entries.
/// </summary>
public sealed class TableMemberIndexRepair(StorageTables tables) : IMemberIndexRepair
{
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
