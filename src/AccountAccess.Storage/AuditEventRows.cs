using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Audit events are rows in the partition of what they are about (a user, an organization), so a change and its
/// events are saved in one atomic batch.
/// </summary>
internal static class AuditEventRows
{
    public static TableEntity ToEntity(string partitionKey, AuditEvent auditEvent) =>
        new(partitionKey, TableKeys.EventRow(auditEvent.At, auditEvent.Id))
        {
            ["Action"] = auditEvent.Action.ToSnakeCase(),
            ["Data"] = StorageJson.Serialize(auditEvent),
        };

    public static IEnumerable<TableTransactionAction> Adds(string partitionKey, IEnumerable<AuditEvent> events) =>
        events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partitionKey, e)));

    public static async Task<IReadOnlyList<AuditEvent>> ReadAsync(TableClient table, string partitionKey, int max, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableKeys.EventRangeFilter(partitionKey), maxPerPage: Math.Min(max, 1000), select: ["Data"], cancellationToken: cancellationToken))
        {
            events.Add(StorageJson.Deserialize<AuditEvent>(row.GetString("Data")));
            if (events.Count >= max)
            {
                break;
            }
        }

        return events;
    }
}
