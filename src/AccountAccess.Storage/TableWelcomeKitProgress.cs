using AccountAccess.Core.WelcomeKits;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// The progress of welcome-kit batches in <c>WelcomeKitBatches</c>: one partition per batch (its request id), a row
/// <see cref="BatchRow"/> for the batch and one per person. Each step merges only its own columns — the fan-out
/// <c>Queued</c>, the delivery <c>SentAt</c>, a skip <c>Skipped</c> — so a redelivered fan-out never hides a kit sent
/// since, and a person's rows are written in transactions of a hundred, one per fan-out message. The partition
/// <see cref="ByRequestTime"/> lists the batches in the order they were requested (a row <c>{requestedAt}_{requestId}</c>
/// each), so the sweep finds the old ones with one range query instead of scanning every person's row.
/// </summary>
public sealed class TableWelcomeKitProgress(StorageTables tables) : IWelcomeKitProgress
{
    /// <summary>The batch's own row; user ids start with <c>usr_</c>, so it is never a person's.</summary>
    public const string BatchRow = "batch";

    /// <summary>The partition listing batches by request time; request ids start with <c>req_</c>, so it is never a batch's.</summary>
    public const string ByRequestTime = "~by-requested-at";

    private const int TransactionSize = 100;

    public async Task StartAsync(WelcomeKitBatchStart start, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.WelcomeKitBatches, cancellationToken);
        var batch = new TableEntity(start.RequestId, BatchRow)
        {
            ["OrganizationId"] = start.OrganizationId,
            ["RequestedAt"] = start.RequestedAt,
            ["Queued"] = start.Queued,
        };
        // The listing first: a batch the sweep cannot find would stay forever; a listed batch not written yet is simply deleted.
        await table.UpsertEntityAsync(new TableEntity(ByRequestTime, ListingKey(start.RequestedAt, start.RequestId)), TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(batch, TableUpdateMode.Replace, cancellationToken);
        await MergeAsync(table, start.SkippedNow.Select(s => Skipped(start.RequestId, s.UserId, s.Reason, queued: false)), cancellationToken);
    }

    public async Task RecordFannedOutAsync(WelcomeKitFanOut fanOut, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.WelcomeKitBatches, cancellationToken);
        await MergeAsync(table, fanOut.Targets.Select(t => t.SkippedFor is { } reason
            ? Skipped(fanOut.RequestId, t.UserId, reason, queued: false)
            : new TableEntity(fanOut.RequestId, t.UserId) { ["Queued"] = true }), cancellationToken);
    }

    public async Task RecordSentAsync(string requestId, string userId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.WelcomeKitBatches, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(requestId, userId) { ["Queued"] = true, ["SentAt"] = sentAt }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task RecordSkippedAsync(string requestId, string userId, WelcomeKitSkipReason reason, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.WelcomeKitBatches, cancellationToken);
        await table.UpsertEntityAsync(Skipped(requestId, userId, reason, queued: true), TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<WelcomeKitBatchProgress?> GetAsync(string organizationId, string requestId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.WelcomeKitBatches, cancellationToken);
        TableEntity? batch = null;
        var sent = new List<SentWelcomeKit>();
        var pending = new List<string>();
        var skipped = new List<SkippedMember>();
        var skippedAtDelivery = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {requestId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (row.RowKey == BatchRow)
            {
                batch = row;
            }
            else if (row.GetDateTimeOffset("SentAt") is { } sentAt)
            {
                sent.Add(new SentWelcomeKit(row.RowKey, sentAt));
            }
            else if (row.GetString("Skipped") is { } reason)
            {
                skipped.Add(new SkippedMember(row.RowKey, Enum.Parse<WelcomeKitSkipReason>(reason)));
                skippedAtDelivery += row.GetBoolean("SkippedAtDelivery") == true ? 1 : 0;
            }
            else
            {
                pending.Add(row.RowKey);
            }
        }

        // Another organization's batch is no batch of this one: the same 404 as an unknown id.
        if (batch is null || batch.GetString("OrganizationId") != organizationId)
        {
            return null;
        }

        return new WelcomeKitBatchProgress(
            requestId,
            organizationId,
            batch.GetDateTimeOffset("RequestedAt")!.Value,
            batch.GetInt32("Queued") ?? 0,
            [.. sent.OrderBy(s => s.SentAt)],
            pending,
            skipped,
            skippedAtDelivery);
    }

    public async Task<int> DeleteRequestedBeforeAsync(DateTimeOffset before, int maxBatches, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.WelcomeKitBatches, cancellationToken);
        var cutoff = ListingKey(before, string.Empty);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ByRequestTime} and RowKey lt {cutoff}");
        var deleted = 0;
        await foreach (var listing in table.QueryAsync<TableEntity>(filter, maxPerPage: maxBatches, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (deleted >= maxBatches)
            {
                break;
            }

            // The people and the batch row first, the listing last: a run cut short is finished by the next.
            var requestId = RequestIdOf(listing.RowKey);
            var rows = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {requestId}"), maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
            var keys = new List<TableEntity>();
            await foreach (var row in rows)
            {
                keys.Add(row);
            }

            foreach (var chunk in keys.Chunk(TransactionSize))
            {
                await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, Azure.ETag.All)), cancellationToken);
            }

            await table.DeleteEntityAsync(ByRequestTime, listing.RowKey, Azure.ETag.All, cancellationToken);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Sorts as the request times do: a fixed-width UTC time, then the request id to tell batches of the same tick apart.</summary>
    private static string ListingKey(DateTimeOffset requestedAt, string requestId) =>
        requestedAt.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", System.Globalization.CultureInfo.InvariantCulture) + "_" + requestId;

    /// <summary>The request id of a listing row: what follows the time (digits only) and its underscore.</summary>
    private static string RequestIdOf(string listingKey) => listingKey[(listingKey.IndexOf('_', StringComparison.Ordinal) + 1)..];

    private static TableEntity Skipped(string requestId, string userId, WelcomeKitSkipReason reason, bool queued) =>
        queued
            ? new TableEntity(requestId, userId) { ["Skipped"] = reason.ToString(), ["SkippedAtDelivery"] = true }
            : new TableEntity(requestId, userId) { ["Skipped"] = reason.ToString() };

    private static async Task MergeAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(TransactionSize))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertMerge, row)), cancellationToken);
        }
    }
}
