using AccountAccess.Core.Concurrency;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>Reading and writing a JSON document row with ETag optimistic concurrency.</summary>
internal static class VersionedRows
{
    public static TableEntity ToEntity<T>(string partitionKey, string rowKey, T value) =>
        new(partitionKey, rowKey) { ["Data"] = StorageJson.Serialize(value) };

    public static async Task<Versioned<T>?> GetAsync<T>(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafeId(partitionKey))
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return row.HasValue
            ? new Versioned<T>(StorageJson.Deserialize<T>(row.Value!.GetString("Data")), row.Value.ETag.ToString())
            : null;
    }

    /// <summary>
    /// Replaces the document if its ETag is still <paramref name="version"/> and adds <paramref name="extra"/> rows of the
    /// same partition, all or nothing.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The document changed since it was read.</exception>
    public static async Task<Versioned<T>> ReplaceAsync<T>(
        TableClient table, string partitionKey, string rowKey, T value, string version, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(partitionKey, rowKey, value), new ETag(version)),
        };
        actions.AddRange(extra);

        try
        {
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            return new Versioned<T>(value, responses.Value[0].Headers.ETag!.Value.ToString());
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 412 or 409 && failed.FailedTransactionActionIndex is 0 or null)
        {
            throw new ConcurrencyConflictException($"{partitionKey}/{rowKey} changed since it was read.");
        }
    }
}
