using AccountAccess.Core.Concurrency;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>Reading and writing a JSON document row with ETag optimistic concurrency.</summary>
internal static class VersionedRows
{
    /// <summary>
    /// Table storage holds at most 64 KiB in one string column (32,768 UTF-16 characters): a longer document (an account
    /// with its twenty passkeys, say) is written over <c>Data</c>, <c>Data1</c>, <c>Data2</c>… and read back whole.
    /// </summary>
    internal const int MaxColumnChars = 30_000;

    /// <summary>The row of <paramref name="value"/>, with <paramref name="columns"/> beside it (the columns queries filter on).</summary>
    public static TableEntity ToEntity<T>(string partitionKey, string rowKey, T value, IEnumerable<KeyValuePair<string, object>>? columns = null)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        var json = StorageJson.Serialize(value);
        for (var (part, start) = (0, 0); start == 0 || start < json.Length; part++, start += MaxColumnChars)
        {
            entity[part == 0 ? "Data" : "Data" + part.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                json.Substring(start, Math.Min(MaxColumnChars, json.Length - start));
        }

        foreach (var (name, column) in columns ?? [])
        {
            entity[name] = column;
        }

        return entity;
    }

    /// <summary>The document a row holds (over as many <c>Data</c> columns as it took).</summary>
    public static T FromEntity<T>(TableEntity entity)
    {
        var json = entity.GetString("Data");
        for (var part = 1; entity.GetString("Data" + part.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } more; part++)
        {
            json += more;
        }

        return StorageJson.Deserialize<T>(json);
    }

    public static async Task<Versioned<T>?> GetAsync<T>(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafeId(partitionKey))
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return row.HasValue
            ? new Versioned<T>(FromEntity<T>(row.Value!), row.Value!.ETag.ToString())
            : null;
    }

    /// <summary>
    /// Replaces the document if its ETag is still <paramref name="version"/> and adds <paramref name="extra"/> rows of the
    /// same partition, all or nothing. The row is replaced whole: <paramref name="columns"/> are what it keeps beside the
    /// document.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The document changed since it was read.</exception>
    public static async Task<Versioned<T>> ReplaceAsync<T>(
        TableClient table, string partitionKey, string rowKey, T value, string version, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, object>>? columns = null)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(partitionKey, rowKey, value, columns), new ETag(version)),
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
