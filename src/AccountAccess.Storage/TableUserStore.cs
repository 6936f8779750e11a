using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.WelcomeKits;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Users in the <c>Users</c> table (one partition each: the user row and its audit events, saved together in one
/// batch, and its sessions, kept by <see cref="TableSessionStore"/>); the names they hold in <c>Logins</c> (one row per normalized username or email, claimed with an
/// insert that fails if the name is taken); timed lockouts in <c>TimedLocks</c>, ordered by end time for the sweep;
/// the member index in <c>Members</c> (one partition per organization: a row per member and the rows that sort it for
/// searches, <see cref="MemberIndex"/>); the accounts the welcome-kit schedule has a kit for in <c>PendingActivations</c>
/// (one row each).
/// </summary>
public sealed class TableUserStore(StorageTables tables, TimeProvider time) : IUserStore
{
    private readonly MemberIndex members = new(tables);

    private const string LoginKind = "login";
    private const string SecondaryKind = "secondary";

    // A name row whose owner does not hold the name (a process died between claiming and saving) is reclaimed, but
    // only once it is older than any save in flight could be.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(2);

    // About the size of a user's row and of a failed sign-in's audit event, so a decoy write moves as many bytes.
    private static readonly string DecoyUserData = new('0', 1500);
    private static readonly string DecoyEventData = new('0', 300);

    public async Task<string?> FindUserIdByLoginAsync(string normalizedLogin, CancellationToken cancellationToken)
    {
        var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
        var row = await logins.GetEntityIfExistsAsync<TableEntity>(TableKeys.NamePartition(normalizedLogin), TableKeys.NameRow, ["UserId", "Kind"], cancellationToken);
        return row.HasValue && row.Value!.GetString("Kind") == LoginKind ? row.Value.GetString("UserId") : null;
    }

    public async Task<string?> FindHolderOfNameAsync(string normalizedName, CancellationToken cancellationToken)
    {
        var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
        var row = await logins.GetEntityIfExistsAsync<TableEntity>(TableKeys.NamePartition(normalizedName), TableKeys.NameRow, ["UserId"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("UserId") : null;
    }

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
        var claimed = await ClaimAsync(user.Id, NamesOf(user), cancellationToken);
        await members.WriteAsync(null, user, cancellationToken);
        await IndexPendingActivationAsync(null, user, cancellationToken);
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
            await ReleaseAsync(user.Id, claimed, CancellationToken.None);
            throw;
        }
    }

    public async Task<Versioned<User>> SaveAsync(Versioned<User> current, User updated, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var before = NamesOf(current.Value);
        var after = NamesOf(updated);
        var claimed = await ClaimAsync(updated.Id, after.Where(n => !before.ContainsKey(n.Key)), cancellationToken);

        // Recorded before the save: if the process dies in between, the sweep finds an entry with no lock and drops it.
        if (updated.Deactivation?.Until is { } until && until != current.Value.Deactivation?.Until)
        {
            var timedLocks = await tables.GetAsync(StorageTables.TimedLocks, cancellationToken);
            await timedLocks.UpsertEntityAsync(new TableEntity(TableKeys.TimedLocksPartition, TableKeys.TimedLockRow(until, updated.Id)), cancellationToken: cancellationToken);
        }

        // Entries are added or changed before the save and removed after it, so a process dying in between leaves an
        // entry too many (readers read the account again), never a member missing.
        await members.WriteAsync(current.Value, updated, cancellationToken);
        await IndexPendingActivationAsync(current.Value, updated, cancellationToken);

        Versioned<User> saved;
        try
        {
            var table = await tables.GetAsync(StorageTables.Users, cancellationToken);
            saved = await VersionedRows.ReplaceAsync(table, updated.Id, TableKeys.UserRow, updated, current.Version, AuditEventRows.Adds(updated.Id, events), cancellationToken);
        }
        catch
        {
            await ReleaseAsync(updated.Id, claimed, CancellationToken.None);
            throw;
        }

        await ReleaseAsync(updated.Id, before.Keys.Where(n => !after.ContainsKey(n)).ToList(), cancellationToken);
        await members.RemoveLeftAsync(current.Value, updated, cancellationToken);
        await UnindexPendingActivationAsync(current.Value, updated, cancellationToken);
        foreach (var (name, kind) in after.Where(n => before.TryGetValue(n.Key, out var was) && was != n.Value))
        {
            var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
            await logins.UpsertEntityAsync(NameRow(updated.Id, name, kind), TableUpdateMode.Replace, cancellationToken);
        }

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

        await ReleaseAsync(user.Id, NamesOf(user).Keys.ToList(), cancellationToken);
        await members.RemoveLeftAsync(user, user with { Memberships = [] }, cancellationToken);
        await DeleteIfThereAsync(StorageTables.PendingActivations, TableKeys.PendingActivationsPartition, user.Id, cancellationToken);
        if (user.Deactivation?.Until is { } until)
        {
            await DeleteIfThereAsync(StorageTables.TimedLocks, TableKeys.TimedLocksPartition, TableKeys.TimedLockRow(until, user.Id), cancellationToken);
        }
    }

    private async Task DeleteIfThereAsync(string tableName, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Never written, or already removed: nothing to remove.
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

    public async Task<IReadOnlyList<TimedLockEntry>> FindEndedTimedLocksAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
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

    public async Task RemoveTimedLockEntryAsync(TimedLockEntry entry, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.TimedLocks, cancellationToken);
        await table.DeleteEntityAsync(TableKeys.TimedLocksPartition, TableKeys.TimedLockRow(entry.Until, entry.UserId), ETag.All, cancellationToken);
    }

    public async Task<IReadOnlyList<Versioned<PendingActivation>>> ListPendingActivationsAsync(int max, CancellationToken cancellationToken)
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

    public async Task RemovePendingActivationAsync(Versioned<PendingActivation> entry, CancellationToken cancellationToken)
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

    /// <summary>
    /// Writes the pending-activation entry of <paramref name="updated"/> when it differs from <paramref name="current"/>'s:
    /// a save that changes none of what it holds (every sign-in) writes nothing. Like the member index: written before
    /// the save, removed after it, so a process dying in between leaves an entry too many (the schedule re-reads the
    /// account and drops it), never an account missing.
    /// </summary>
    private async Task IndexPendingActivationAsync(User? current, User updated, CancellationToken cancellationToken)
    {
        var after = PendingActivation.Of(updated);
        if (after is null || after == (current is null ? null : PendingActivation.Of(current)))
        {
            return;
        }

        var table = await tables.GetAsync(StorageTables.PendingActivations, cancellationToken);
        await table.UpsertEntityAsync(VersionedRows.ToEntity(TableKeys.PendingActivationsPartition, updated.Id, after), TableUpdateMode.Replace, cancellationToken);
    }

    private async Task UnindexPendingActivationAsync(User current, User updated, CancellationToken cancellationToken)
    {
        if (PendingActivation.Of(updated) is not null || PendingActivation.Of(current) is null)
        {
            return;
        }

        var table = await tables.GetAsync(StorageTables.PendingActivations, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(TableKeys.PendingActivationsPartition, updated.Id, ETag.All, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Already gone (the schedule removed it as stale): nothing to remove.
        }
    }

    private static Dictionary<string, string> NamesOf(User user)
    {
        var names = user.LoginNames().Distinct().ToDictionary(n => n, _ => LoginKind);
        foreach (var secondary in user.SecondaryEmails.Select(LoginName.Normalize))
        {
            names.TryAdd(secondary, SecondaryKind);
        }

        return names;
    }

    private TableEntity NameRow(string userId, string name, string kind) =>
        new(TableKeys.NamePartition(name), TableKeys.NameRow)
        {
            ["UserId"] = userId,
            ["Kind"] = kind,
            ["ClaimedAt"] = time.GetUtcNow(),
        };

    /// <summary>Claims each name for <paramref name="userId"/>, or releases what it claimed and throws at the first taken one.</summary>
    private async Task<List<string>> ClaimAsync(string userId, IEnumerable<KeyValuePair<string, string>> names, CancellationToken cancellationToken)
    {
        var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
        var claimed = new List<string>();
        foreach (var (name, kind) in names)
        {
            var row = NameRow(userId, name, kind);
            try
            {
                await logins.AddEntityAsync(row, cancellationToken);
                claimed.Add(name);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 409)
            {
                if (await TryReclaimAsync(logins, row, name, cancellationToken))
                {
                    claimed.Add(name);
                    continue;
                }

                await ReleaseAsync(userId, claimed, CancellationToken.None);
                throw new UniqueKeyTakenException(name);
            }
        }

        return claimed;
    }

    private async Task<bool> TryReclaimAsync(TableClient logins, TableEntity row, string name, CancellationToken cancellationToken)
    {
        var existing = await logins.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            return false;
        }

        var holderId = existing.Value!.GetString("UserId");
        if (holderId == row.GetString("UserId"))
        {
            return true;
        }

        if (existing.Value.GetDateTimeOffset("ClaimedAt") is not { } claimedAt || time.GetUtcNow() - claimedAt < OrphanAge)
        {
            return false;
        }

        var holder = await GetAsync(holderId, cancellationToken);
        if (holder is not null && NamesOf(holder.Value).ContainsKey(name))
        {
            return false;
        }

        try
        {
            await logins.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException lost) when (lost.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task ReleaseAsync(string userId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return;
        }

        var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
        foreach (var name in names)
        {
            var existing = await logins.GetEntityIfExistsAsync<TableEntity>(TableKeys.NamePartition(name), TableKeys.NameRow, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.GetString("UserId") == userId)
            {
                try
                {
                    await logins.DeleteEntityAsync(existing.Value.PartitionKey, existing.Value.RowKey, existing.Value.ETag, cancellationToken);
                }
                catch (RequestFailedException gone) when (gone.Status is 404 or 412)
                {
                    // Someone else reclaimed or removed it meanwhile: it is not ours to delete.
                }
            }
        }
    }
}
