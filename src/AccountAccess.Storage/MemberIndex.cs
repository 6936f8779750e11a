using AccountAccess.Core.Accounts;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Members;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Keeps the member index (<c>Members</c>: one partition per organization) in step with the users the store saves. A
/// member's own row (keyed by its user id) holds its entry and lists the other rows it has (<see cref="MemberIndexKeys"/>);
/// all of them change together, in one transaction of the organization's partition guarded by the own row's ETag, so the
/// list of rows is always exact and a concurrent writer of the same member makes the other read again. A save that changes
/// nothing an entry holds (every sign-in) writes nothing.
/// </summary>
internal sealed class MemberIndex(StorageTables tables)
{
    private const string KeysColumn = "Keys";
    private const char KeySeparator = '\n';
    // Each lost race means another writer of the same member made progress: enough for a burst of them.
    private const int Attempts = 16;

    /// <summary>
    /// Writes the entries of <paramref name="updated"/> that differ from <paramref name="current"/>'s. Called before the
    /// account is saved, so a process dying in between leaves an entry too many (readers read the account again), never
    /// a member missing.
    /// </summary>
    public async Task WriteAsync(User? current, User updated, CancellationToken cancellationToken)
    {
        var before = current is null ? [] : OrganizationMember.Of(current).ToDictionary(m => m.OrganizationId, StorageJson.Serialize);
        var changed = OrganizationMember.Of(updated).Where(m => before.GetValueOrDefault(m.OrganizationId) != StorageJson.Serialize(m)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var table = await tables.GetAsync(StorageTables.Members, cancellationToken);
        await Task.WhenAll(changed.Select(m => WriteEntryAsync(table, m, cancellationToken)));
    }

    /// <summary>Removes the entries of the organizations <paramref name="updated"/> no longer belongs to (after the save).</summary>
    public async Task RemoveLeftAsync(User current, User updated, CancellationToken cancellationToken)
    {
        var left = current.Memberships.Select(m => m.OrganizationId).Except(updated.Memberships.Select(m => m.OrganizationId)).ToList();
        if (left.Count == 0)
        {
            return;
        }

        var table = await tables.GetAsync(StorageTables.Members, cancellationToken);
        foreach (var organizationId in left)
        {
            await RemoveEntryAsync(table, organizationId, updated.Id, cancellationToken);
        }
    }

    private static async Task WriteEntryAsync(TableClient table, OrganizationMember member, CancellationToken cancellationToken)
    {
        var data = StorageJson.Serialize(member);
        var keys = MemberIndexKeys.Of(member);
        await ChangeAsync(table, member.OrganizationId, member.UserId, held => Rewrite(member.OrganizationId, member.UserId, data, keys, held), cancellationToken);
    }

    private static Task RemoveEntryAsync(TableClient table, string organizationId, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(table, organizationId, userId, held => held is null ? [] :
        [
            new(TableTransactionActionType.Delete, new TableEntity(organizationId, userId), held.ETag),
            .. KeysOf(held).Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(organizationId, key), ETag.All)),
        ], cancellationToken);

    /// <summary>
    /// Rebuilds the entries of <paramref name="read"/> (in <paramref name="organizationId"/> only, or in all its
    /// organizations) for a backfill: an entry the live path wrote keeps its data and only gains the rows it lacks; a missing
    /// entry, or one written before member search (no <c>Keys</c>), is written from the account, guarded by the own row's
    /// ETag so a live write in between wins. Because the live path writes entries before it saves the account, an account
    /// read here may already be older than a save in progress: so after writing from it, the account is read again, and
    /// while its version moved on, the entries written from the older read (still as this rebuild left them) are written
    /// again from the newer one, or removed from an organization it left.
    /// </summary>
    public async Task<IReadOnlyList<(string OrganizationId, MemberEntryRepair Outcome)>> RebuildAsync(
        Versioned<User> read, string? organizationId, Func<string, CancellationToken, Task<Versioned<User>?>> reread, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Members, cancellationToken);
        var outcomes = new Dictionary<string, MemberEntryRepair>(StringComparer.Ordinal);
        var ours = new Dictionary<string, ETag>(StringComparer.Ordinal);
        Versioned<User>? account = read;
        for (var pass = 1; ; pass++)
        {
            var entries = account is null ? [] : OrganizationMember.Of(account.Value)
                .Where(m => (organizationId is null || m.OrganizationId == organizationId) && TableKeys.IsSafeId(m.OrganizationId)).ToList();
            foreach (var member in entries)
            {
                var outcome = await RebuildEntryAsync(table, member, ours, cancellationToken);
                outcomes[member.OrganizationId] = (MemberEntryRepair)Math.Max((int)outcome, (int)outcomes.GetValueOrDefault(member.OrganizationId));
            }

            foreach (var left in ours.Keys.Except(entries.Select(m => m.OrganizationId)).ToList())
            {
                await RemoveOursAsync(table, left, read.Value.Id, ours[left], cancellationToken);
                ours.Remove(left);
            }

            if (ours.Count == 0)
            {
                break;
            }

            var again = await reread(read.Value.Id, cancellationToken);
            if (again?.Version == account?.Version)
            {
                break;
            }

            if (pass == Attempts)
            {
                throw new RequestFailedException(412, $"The account {read.Value.Id} kept changing while its member index entries were rebuilt.");
            }

            account = again;
        }

        return outcomes.Select(o => (o.Key, o.Value)).ToList();
    }

    private static async Task<MemberEntryRepair> RebuildEntryAsync(
        TableClient table, OrganizationMember member, Dictionary<string, ETag> ours, CancellationToken cancellationToken)
    {
        var outcome = MemberEntryRepair.Unchanged;
        var live = false;
        var etag = await ChangeAsync(table, member.OrganizationId, member.UserId, held =>
        {
            var isOurs = held is not null && ours.TryGetValue(member.OrganizationId, out var mine) && mine == held.ETag;
            live = held is not null && KeysOf(held).Any() && !isOurs;
            if (live)
            {
                // The live path's entry: its data is the account's latest; it may only lack rows added to the index since.
                var data = held!.GetString("Data");
                var keys = MemberIndexKeys.Of(StorageJson.Deserialize<OrganizationMember>(data));
                outcome = keys.ToHashSet(StringComparer.Ordinal).SetEquals(KeysOf(held)) ? MemberEntryRepair.Unchanged : MemberEntryRepair.Rekeyed;
                return outcome == MemberEntryRepair.Unchanged ? [] : Rewrite(member.OrganizationId, member.UserId, data, keys, held);
            }

            var fresh = StorageJson.Serialize(member);
            if (isOurs && held!.GetString("Data") == fresh)
            {
                outcome = MemberEntryRepair.Unchanged;
                return [];
            }

            outcome = MemberEntryRepair.Written;
            return Rewrite(member.OrganizationId, member.UserId, fresh, MemberIndexKeys.Of(member), held);
        }, cancellationToken, withData: true);

        if (live)
        {
            // The live path wrote the entry since this rebuild did: it follows the account from now on.
            ours.Remove(member.OrganizationId);
        }
        else if (outcome == MemberEntryRepair.Written && etag is { } own)
        {
            ours[member.OrganizationId] = own;
        }

        return outcome;
    }

    /// <summary>
    /// Removes an orphan (<see cref="TableMemberIndexRepair.SweepPageAsync"/>): the entry of <paramref name="userId"/> in
    /// <paramref name="organizationId"/> with every row it lists, only while its own row is still as it was read
    /// (<paramref name="read"/>), so an entry a save rewrote since stays. Whether it was removed.
    /// </summary>
    public async Task<bool> RemoveOrphanAsync(string organizationId, string userId, ETag read, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Members, cancellationToken);
        return await RemoveOursAsync(table, organizationId, userId, read, cancellationToken) is not null;
    }

    /// <summary>Removes an entry this rebuild wrote, from an organization its account has left since, unless the live path wrote it since.</summary>
    private static Task<ETag?> RemoveOursAsync(TableClient table, string organizationId, string userId, ETag ours, CancellationToken cancellationToken) =>
        ChangeAsync(table, organizationId, userId, held => held is null || held.ETag != ours ? [] :
        [
            new(TableTransactionActionType.Delete, new TableEntity(organizationId, userId), held.ETag),
            .. KeysOf(held).Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(organizationId, key), ETag.All)),
        ], cancellationToken);

    /// <summary>The own row with <paramref name="data"/> and <paramref name="keys"/>, each key's row, and the removal of the rows it no longer has.</summary>
    private static List<TableTransactionAction> Rewrite(string organizationId, string userId, string data, IReadOnlyList<string> keys, TableEntity? held)
    {
        var own = new TableEntity(organizationId, userId) { ["Data"] = data, [KeysColumn] = string.Join(KeySeparator, keys) };
        var actions = new List<TableTransactionAction>
        {
            held is null ? new(TableTransactionActionType.Add, own) : new(TableTransactionActionType.UpdateReplace, own, held.ETag),
        };
        actions.AddRange(keys.Select(key => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, new TableEntity(organizationId, key) { ["Data"] = data })));
        actions.AddRange(KeysOf(held).Except(keys).Select(key => new TableTransactionAction(
            TableTransactionActionType.Delete, new TableEntity(organizationId, key), ETag.All)));
        return actions;
    }

    /// <summary>
    /// Reads the member's own row, then submits what <paramref name="plan"/> makes of it in one transaction; reads again and
    /// plans again when another writer changed the row meanwhile (412, or 409 for two first writes). The own row's new
    /// ETag, or null when the plan wrote nothing.
    /// </summary>
    private static async Task<ETag?> ChangeAsync(
        TableClient table, string organizationId, string userId, Func<TableEntity?, List<TableTransactionAction>> plan, CancellationToken cancellationToken,
        bool withData = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var held = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, userId, withData ? ["RowKey", KeysColumn, "Data"] : ["RowKey", KeysColumn], cancellationToken);
            var actions = plan(held.HasValue ? held.Value : null);
            if (actions.Count == 0)
            {
                return null;
            }

            if (await TrySubmitAsync(table, actions, cancellationToken) is { } submitted)
            {
                return submitted;
            }

            if (attempt == Attempts)
            {
                throw new RequestFailedException(412, $"The member index entry {organizationId}/{userId} kept changing while it was written.");
            }
        }
    }

    /// <summary>
    /// The ETag the first action (the own row) left; null when another writer of the member changed its own row first (412,
    /// or 409 for two first writes).
    /// </summary>
    private static async Task<ETag?> TrySubmitAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
                return responses.Value[0].Headers.ETag ?? ETag.All;
            }
            catch (TableTransactionFailedException lost) when (lost.Status is 409 or 412 && lost.FailedTransactionActionIndex is 0 or null)
            {
                return null;
            }
            catch (TableTransactionFailedException gone) when (gone.Status == 404 && gone.FailedTransactionActionIndex is int index && index > 0
                && actions[index].ActionType == TableTransactionActionType.Delete)
            {
                // A row the own row lists is gone already (removed by hand): nothing to remove there.
                actions.RemoveAt(index);
            }
        }
    }

    private static IEnumerable<string> KeysOf(TableEntity? held) =>
        held?.GetString(KeysColumn) is { Length: > 0 } keys ? keys.Split(KeySeparator) : [];
}
