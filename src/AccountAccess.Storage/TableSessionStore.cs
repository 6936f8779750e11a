using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Sessions;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Sessions in the <c>Users</c> table, one row each (<c>session|{id}</c>) in their user's partition, so that a session's
/// start, the user's list of sessions and the audit event are one atomic batch, and the user's erasure removes them with
/// its trail. A session row changes alone at each refresh, guarded by its own ETag.
/// </summary>
public sealed class TableSessionStore(StorageTables tables) : ISessionStore
{
    public async Task<Versioned<User>> StartAsync(
        Versioned<User> current, User updated, Session started, IReadOnlyList<string> removedSessionIds, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Users, cancellationToken);
        var rows = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, VersionedRows.ToEntity(updated.Id, TableKeys.SessionRow(started.Id), started)),
        };

        // Rows of the list's entries, written and removed in the same batches as them: a removed entry's row is there.
        rows.AddRange(removedSessionIds.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(updated.Id, TableKeys.SessionRow(id)), ETag.All)));
        rows.AddRange(AuditEventRows.Adds(updated.Id, events));
        return await VersionedRows.ReplaceAsync(table, updated.Id, TableKeys.UserRow, updated, current.Version, rows, cancellationToken);
    }

    public async Task<Versioned<Session>?> GetAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        TableKeys.IsSafeId(sessionId)
            ? await VersionedRows.GetAsync<Session>(await tables.GetAsync(StorageTables.Users, cancellationToken), userId, TableKeys.SessionRow(sessionId), cancellationToken)
            : null;

    public async Task<Versioned<Session>> SaveAsync(Versioned<Session> current, Session updated, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Users, cancellationToken);
        return await VersionedRows.ReplaceAsync(table, updated.UserId, TableKeys.SessionRow(updated.Id), updated, current.Version, [], cancellationToken);
    }

    public async Task<IReadOnlyList<Session>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafeId(userId))
        {
            return [];
        }

        var table = await tables.GetAsync(StorageTables.Users, cancellationToken);
        var sessions = new List<Session>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableKeys.SessionRangeFilter(userId), select: ["Data"], cancellationToken: cancellationToken))
        {
            sessions.Add(StorageJson.Deserialize<Session>(row.GetString("Data")));
        }

        return sessions;
    }
}
