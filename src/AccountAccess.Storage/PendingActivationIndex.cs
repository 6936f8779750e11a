using AccountAccess.Core.Accounts;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.WelcomeKits;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// The accounts the welcome-kit schedule has a kit for, in <c>PendingActivations</c> (one row each, holding what the
/// schedule decides on). Like the member index: written before the user's save, removed after it, so a process dying
/// in between leaves an entry too many (the schedule re-reads the account and drops it), never an account missing.
/// </summary>
internal sealed class PendingActivationIndex(StorageTables tables)
{
    /// <summary>
    /// Writes the entry of <paramref name="updated"/> when it differs from <paramref name="current"/>'s: a save that
    /// changes none of what it holds (every sign-in) writes nothing.
    /// </summary>
    public async Task WriteAsync(User? current, User updated, CancellationToken cancellationToken)
    {
        var after = PendingActivation.Of(updated);
        if (after is null || after == (current is null ? null : PendingActivation.Of(current)))
        {
            return;
        }

        var table = await tables.GetAsync(StorageTables.PendingActivations, cancellationToken);
        await table.UpsertEntityAsync(VersionedRows.ToEntity(TableKeys.PendingActivationsPartition, updated.Id, after), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes the entry once the saved account no longer has a kit due.</summary>
    public async Task RemoveLeftAsync(User current, User updated, CancellationToken cancellationToken)
    {
        if (PendingActivation.Of(updated) is null && PendingActivation.Of(current) is not null)
        {
            await RemoveAsync(updated.Id, cancellationToken);
        }
    }

    public async Task RemoveAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PendingActivations, cancellationToken);
        await table.DeleteIfThereAsync(TableKeys.PendingActivationsPartition, userId, cancellationToken);
    }

    public async Task<IReadOnlyList<Versioned<PendingActivation>>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PendingActivations, cancellationToken);
        var entries = new List<Versioned<PendingActivation>>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.PendingActivationsPartition}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Clamp(max, 1, 1000), select: ["Data"], cancellationToken: cancellationToken))
        {
            entries.Add(new Versioned<PendingActivation>(StorageJson.Deserialize<PendingActivation>(row.GetString("Data")), row.ETag.ToString()));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    /// <summary>Removes a listed entry unless it was rewritten since (the account is due again, and the entry must stay).</summary>
    public async Task RemoveListedAsync(Versioned<PendingActivation> entry, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PendingActivations, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(TableKeys.PendingActivationsPartition, entry.Value.UserId, new ETag(entry.Version), cancellationToken);
        }
        catch (RequestFailedException moved) when (moved.Status is 404 or 412)
        {
            // Gone already, or rewritten since it was listed: the account is due again, and the entry must stay.
        }
    }
}
