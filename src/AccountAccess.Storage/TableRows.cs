using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>Row operations the stores share.</summary>
internal static class TableRows
{
    /// <summary>Deletes a row whatever its version, and nothing when it was never written or is already gone.</summary>
    public static async Task DeleteIfThereAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Never written, or already removed: nothing to remove.
        }
    }
}
