using AccountAccess.Core.Accounts;
using AccountAccess.Core.Members;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Searches the member index (<see cref="MemberIndexKeys"/>): each page is one range of one organization's partition — the
/// search terms for a prefix, else the status asked for (under the role, with one), else the one unit, else the role, else
/// every member by name — read in key order,
/// each row judged by <see cref="MemberQuery.Matches"/> (the other filters, the reader's scope, the time). A page stops at
/// <c>max</c> members, or after <see cref="ScanBudget"/> rows however many matched, so a rare match in a big organization
/// costs several pages rather than one slow one. Never a scan of the accounts.
/// </summary>
public sealed class TableMemberDirectory(StorageTables tables) : IMemberDirectory
{
    /// <summary>The most index rows one page reads.</summary>
    public const int ScanBudget = 2000;

    public async Task<MemberPage> FindAsync(string organizationId, MemberQuery query, int max, string? after, CancellationToken cancellationToken)
    {
        var range = MemberIndexKeys.RangeFor(query);
        if (after is not null && !range.Contains(after))
        {
            throw new ArgumentException("Not a position of this search.", nameof(after));
        }

        if (!TableKeys.IsSafeId(organizationId))
        {
            return new MemberPage([], null);
        }

        var table = await tables.GetAsync(StorageTables.Members, cancellationToken);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and RowKey ge {range.Start} and RowKey lt {range.End}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and RowKey gt {after} and RowKey lt {range.End}");
        var found = new List<OrganizationMember>();
        var scanned = 0;
        string? last = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Clamp(max * 2, 50, 1000), select: ["RowKey", "Data"], cancellationToken: cancellationToken))
        {
            last = row.RowKey;
            scanned++;
            var member = StorageJson.Deserialize<OrganizationMember>(row.GetString("Data"));
            if (query.Matches(member) && (!range.IsTermRange || MemberIndexKeys.TermKey(query.FirstMatch(member)!, member.UserId) == row.RowKey))
            {
                found.Add(member);
                if (found.Count == max)
                {
                    return new MemberPage(found, last);
                }
            }

            if (scanned == ScanBudget)
            {
                return new MemberPage(found, last);
            }
        }

        return new MemberPage(found, null);
    }
}
