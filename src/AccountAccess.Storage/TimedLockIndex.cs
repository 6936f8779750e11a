using System.Globalization;
using AccountAccess.Core.Accounts;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// The timed lockouts in <c>TimedLocks</c>: one row per lock, keyed by its end time then the user, so the sweep that
/// lifts ended locks reads them in order with one range query.
/// </summary>
internal sealed class TimedLockIndex(StorageTables tables)
{
    /// <summary>
    /// Records <paramref name="updated"/>'s lock when it sets a new end. Called before the save: if the process dies in
    /// between, the sweep finds an entry with no lock and drops it.
    /// </summary>
    public async Task RecordAsync(User current, User updated, CancellationToken cancellationToken)
    {
        if (updated.Deactivation?.Until is { } until && until != current.Deactivation?.Until)
        {
            var table = await tables.GetAsync(StorageTables.TimedLocks, cancellationToken);
            await table.UpsertEntityAsync(new TableEntity(TableKeys.TimedLocksPartition, TableKeys.TimedLockRow(until, updated.Id)), cancellationToken: cancellationToken);
        }
    }

    public async Task<IReadOnlyList<TimedLockEntry>> FindEndedAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.TimedLocks, cancellationToken);
        var entries = new List<TimedLockEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableKeys.TimedLockDueFilter(now), maxPerPage: max, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var separator = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            var ticks = long.Parse(row.RowKey.AsSpan(0, separator), CultureInfo.InvariantCulture);
            entries.Add(new TimedLockEntry(row.RowKey[(separator + 1)..], new DateTimeOffset(ticks, TimeSpan.Zero)));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    public async Task RemoveAsync(string userId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.TimedLocks, cancellationToken);
        await table.DeleteIfThereAsync(TableKeys.TimedLocksPartition, TableKeys.TimedLockRow(until, userId), cancellationToken);
    }
}
