using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.WelcomeKits;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Users in the <c>Users</c> table (one partition each: the user row and its audit events, saved together in one
/// batch, and its sessions, kept by <see cref="TableSessionStore"/>), and the indexes kept in step with every save, each
/// minding its own table: the names they hold (<see cref="LoginNameClaims"/>, <c>Logins</c>), the member index
/// (<see cref="MemberIndex"/>, <c>Members</c>), the accounts the welcome-kit schedule has a kit for
/// (<see cref="PendingActivationIndex"/>, <c>PendingActivations</c>) and timed lockouts (<see cref="TimedLockIndex"/>,
/// <c>TimedLocks</c>). Indexes are written before the user's save and cleared after it, so a process dying in between
/// leaves an entry too many (its reader reads the account again), never one missing.
/// </summary>
public sealed class TableUserStore(StorageTables tables, TimeProvider time) : IUserStore
{
    private readonly LoginNameClaims names = new(tables, time);
    private readonly MemberIndex members = new(tables);
    private readonly PendingActivationIndex pendingActivations = new(tables);
    private readonly TimedLockIndex timedLocks = new(tables);

    // About the size of a user's row and of a failed sign-in's audit event, so a decoy write moves as many bytes.
    private static readonly string DecoyUserData = new('0', 1500);
    private static readonly string DecoyEventData = new('0', 300);

    public Task<string?> FindUserIdByLoginAsync(string normalizedLogin, CancellationToken cancellationToken) =>
        names.FindLoginAsync(normalizedLogin, cancellationToken);

    public Task<string?> FindHolderOfNameAsync(string normalizedName, CancellationToken cancellationToken) =>
        names.FindHolderAsync(normalizedName, cancellationToken);

    public async Task<Versioned<User>?> GetAsync(string userId, CancellationToken cancellationToken) =>
        await VersionedRows.GetAsync<User>(await tables.GetAsync(StorageTables.Users, cancellationToken), userId, TableKeys.UserRow, cancellationToken);

    public async Task SaveDecoyFailureAsync(string normalizedLogin, CancellationToken cancellationToken)
    {
        // The shape of a failed sign-in's save: a user row replaced and an audit row added, in one transaction. Upserts, so
        // the rows are overwritten each time and concurrent decoys never conflict.
        var table = await tables.GetAsync(StorageTables.Users, cancellationToken);
        var partition = TableKeys.DecoyPartition(normalizedLogin);
        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, TableKeys.UserRow) { ["Data"] = DecoyUserData }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "event") { ["Data"] = DecoyEventData }),
        ], cancellationToken);
    }

    public async Task CreateAsync(User user, AuditEvent created, CancellationToken cancellationToken)
    {
        var claimed = await names.ClaimAsync(user.Id, LoginNameClaims.NamesOf(user), cancellationToken);
        await members.WriteAsync(null, user, cancellationToken);
        await pendingActivations.WriteAsync(null, user, cancellationToken);
        try
        {
            var table = await tables.GetAsync(StorageTables.Users, cancellationToken);
            await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, VersionedRows.ToEntity(user.Id, TableKeys.UserRow, user)),
                    .. AuditEventRows.Adds(user.Id, [created]),
                ],
                cancellationToken);
        }
        catch
        {
            await names.ReleaseAsync(user.Id, claimed, CancellationToken.None);
            throw;
        }
    }

    public async Task<Versioned<User>> SaveAsync(Versioned<User> current, User updated, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var before = LoginNameClaims.NamesOf(current.Value);
        var after = LoginNameClaims.NamesOf(updated);
        var claimed = await names.ClaimAsync(updated.Id, after.Where(n => !before.ContainsKey(n.Key)), cancellationToken);

        // Entries are added or changed before the save and removed after it, so a process dying in between leaves an
        // entry too many (readers read the account again), never one missing.
        await timedLocks.RecordAsync(current.Value, updated, cancellationToken);
        await members.WriteAsync(current.Value, updated, cancellationToken);
        await pendingActivations.WriteAsync(current.Value, updated, cancellationToken);

        Versioned<User> saved;
        try
        {
            var table = await tables.GetAsync(StorageTables.Users, cancellationToken);
            saved = await VersionedRows.ReplaceAsync(table, updated.Id, TableKeys.UserRow, updated, current.Version, AuditEventRows.Adds(updated.Id, events), cancellationToken);
        }
        catch
        {
            await names.ReleaseAsync(updated.Id, claimed, CancellationToken.None);
            throw;
        }

        await names.ReleaseAsync(updated.Id, before.Keys.Where(n => !after.ContainsKey(n)).ToList(), cancellationToken);
        await members.RemoveLeftAsync(current.Value, updated, cancellationToken);
        await pendingActivations.RemoveLeftAsync(current.Value, updated, cancellationToken);
        await names.UpdateKindsAsync(updated.Id, before, after, cancellationToken);
        return saved;
    }

    public async Task DeleteAsync(Versioned<User> current, CancellationToken cancellationToken)
    {
        var user = current.Value;
        var table = await tables.GetAsync(StorageTables.Users, cancellationToken);

        // The trail and the sessions first (they hold IPs and user agents), a hundred rows per batch, then the row itself
        // with its ETag: the commit point.
        var trail = new List<TableTransactionAction>();
        foreach (var range in new[] { TableKeys.EventRangeFilter(user.Id), TableKeys.SessionRangeFilter(user.Id) })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(range, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                trail.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            }
        }

        foreach (var batch in trail.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }

        try
        {
            await table.DeleteEntityAsync(user.Id, TableKeys.UserRow, new ETag(current.Version), cancellationToken);
        }
        catch (RequestFailedException changed) when (changed.Status == 412)
        {
            throw new ConcurrencyConflictException($"{user.Id} changed since it was read.");
        }

        await names.ReleaseAsync(user.Id, LoginNameClaims.NamesOf(user).Keys.ToList(), cancellationToken);
        await members.RemoveLeftAsync(user, user with { Memberships = [] }, cancellationToken);
        await pendingActivations.RemoveAsync(user.Id, cancellationToken);
        if (user.Deactivation?.Until is { } until)
        {
            await timedLocks.RemoveAsync(user.Id, until, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<OrganizationMember>> ListMembersAsync(string organizationId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafeId(organizationId))
        {
            return [];
        }

        var table = await tables.GetAsync(StorageTables.Members, cancellationToken);
        var members = new List<OrganizationMember>();
        await foreach (var row in table.QueryAsync<TableEntity>(MemberIndexKeys.MemberRowsFilter(organizationId), maxPerPage: 1000, select: ["Data"], cancellationToken: cancellationToken))
        {
            members.Add(StorageJson.Deserialize<OrganizationMember>(row.GetString("Data")));
        }

        return members;
    }

    public async Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string userId, int max, CancellationToken cancellationToken) =>
        TableKeys.IsSafeId(userId)
            ? await AuditEventRows.ReadAsync(await tables.GetAsync(StorageTables.Users, cancellationToken), userId, max, cancellationToken)
            : [];

    public Task<IReadOnlyList<TimedLockEntry>> FindEndedTimedLocksAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        timedLocks.FindEndedAsync(now, max, cancellationToken);

    public Task RemoveTimedLockEntryAsync(TimedLockEntry entry, CancellationToken cancellationToken) =>
        timedLocks.RemoveAsync(entry.UserId, entry.Until, cancellationToken);

    public Task<IReadOnlyList<Versioned<PendingActivation>>> ListPendingActivationsAsync(int max, CancellationToken cancellationToken) =>
        pendingActivations.ListAsync(max, cancellationToken);

    public Task RemovePendingActivationAsync(Versioned<PendingActivation> entry, CancellationToken cancellationToken) =>
        pendingActivations.RemoveListedAsync(entry, cancellationToken);
}
