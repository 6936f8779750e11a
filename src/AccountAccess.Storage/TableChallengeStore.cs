using AccountAccess.Core.Concurrency;
using AccountAccess.Core.TwoFactor;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Two-factor challenges in the <c>Challenges</c> table, one partition each, as JSON with the ETag guarding the wrong-code
/// count, and <c>ExpiresAt</c> and <c>UserId</c> columns for the sweep and erasures — which also find the passkey ceremonies
/// kept in the same table (<see cref="TablePasskeyCeremonyStore"/>).
/// </summary>
public sealed class TableChallengeStore(StorageTables tables) : IChallengeStore
{
    private const string Row = "challenge";

    public async Task CreateAsync(Challenge challenge, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Challenges, cancellationToken);
        await table.AddEntityAsync(VersionedRows.ToEntity(challenge.Id, Row, challenge, Columns(challenge)), cancellationToken);
    }

    public async Task DeleteForUserAsync(string userId, CancellationToken cancellationToken)
    {
        // A scan of a small table of short-lived rows (a challenge lasts minutes, the sweep removes it after a day).
        var table = await tables.GetAsync(StorageTables.Challenges, cancellationToken);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"UserId eq {userId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException gone) when (gone.Status == 404)
            {
                // Removed by the sweep meanwhile.
            }
        }
    }

    public async Task<Versioned<Challenge>?> GetAsync(string challengeId, CancellationToken cancellationToken) =>
        await VersionedRows.GetAsync<Challenge>(await tables.GetAsync(StorageTables.Challenges, cancellationToken), challengeId, Row, cancellationToken);

    public async Task<Versioned<Challenge>> SaveAsync(Versioned<Challenge> current, Challenge updated, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Challenges, cancellationToken);
        return await VersionedRows.ReplaceAsync(table, updated.Id, Row, updated, current.Version, [], cancellationToken, Columns(updated));
    }

    // What the sweep and an erasure filter on; every save writes them again (a save replaces the whole row).
    private static Dictionary<string, object> Columns(Challenge challenge) => new()
    {
        ["ExpiresAt"] = challenge.ExpiresAt,
        ["UserId"] = challenge.UserId,
    };

    public async Task<int> DeleteExpiredAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Challenges, cancellationToken);
        var deleted = 0;
        // A scan by a property: acceptable for a table that only holds the last hours' challenges, swept periodically.
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {before}"), maxPerPage: max, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException gone) when (gone.Status == 404)
            {
                // Another sweep got there first.
            }

            if (deleted >= max)
            {
                break;
            }
        }

        return deleted;
    }
}
