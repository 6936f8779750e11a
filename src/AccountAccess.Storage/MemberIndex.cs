using AccountAccess.Core.Accounts;
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
        await ChangeAsync(table, member.OrganizationId, member.UserId, held =>
        {
            var own = new TableEntity(member.OrganizationId, member.UserId) { ["Data"] = data, [KeysColumn] = string.Join(KeySeparator, keys) };
            var actions = new List<TableTransactionAction>
            {
                held is null ? new(TableTransactionActionType.Add, own) : new(TableTransactionActionType.UpdateReplace, own, held.ETag),
            };
            actions.AddRange(keys.Select(key => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace, new TableEntity(member.OrganizationId, key) { ["Data"] = data })));
            actions.AddRange(KeysOf(held).Except(keys).Select(key => new TableTransactionAction(
                TableTransactionActionType.Delete, new TableEntity(member.OrganizationId, key), ETag.All)));
            return actions;
        }, cancellationToken);
    }

    private static Task RemoveEntryAsync(TableClient table, string organizationId, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(table, organizationId, userId, held => held is null ? [] :
        [
            new(TableTransactionActionType.Delete, new TableEntity(organizationId, userId), held.ETag),
            .. KeysOf(held).Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(organizationId, key), ETag.All)),
        ], cancellationToken);

    /// <summary>
    /// Reads the member's own row, then submits what <paramref name="plan"/> makes of it in one transaction; reads again and
    /// plans again when another writer changed the row meanwhile (412, or 409 for two first writes).
    /// </summary>
    private static async Task ChangeAsync(
        TableClient table, string organizationId, string userId, Func<TableEntity?, List<TableTransactionAction>> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var held = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, userId, ["RowKey", KeysColumn], cancellationToken);
            var actions = plan(held.HasValue ? held.Value : null);
            if (actions.Count == 0)
            {
                return;
            }

            if (await TrySubmitAsync(table, actions, cancellationToken))
            {
                return;
            }

            if (attempt == Attempts)
            {
                throw new RequestFailedException(412, $"The member index entry {organizationId}/{userId} kept changing while it was written.");
            }
        }
    }

    /// <summary>False when another writer of the member changed its own row first (412, or 409 for two first writes).</summary>
    private static async Task<bool> TrySubmitAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException lost) when (lost.Status is 409 or 412 && lost.FailedTransactionActionIndex is 0 or null)
            {
                return false;
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
