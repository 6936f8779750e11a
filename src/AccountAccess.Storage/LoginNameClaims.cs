using AccountAccess.Core.Accounts;
using AccountAccess.Core.Concurrency;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// The names users hold, in <c>Logins</c>: one row per normalized username or email, claimed with an insert that fails
/// if the name is taken — what makes usernames and emails unique across the service. A row's kind says whether the
/// name signs in (username, main email) or is only held (a secondary email).
/// </summary>
internal sealed class LoginNameClaims(StorageTables tables, TimeProvider time)
{
    private const string LoginKind = "login";
    private const string SecondaryKind = "secondary";

    // A name row whose owner does not hold the name (a process died between claiming and saving) is reclaimed, but
    // only once it is older than any save in flight could be.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(2);

    /// <summary>The names <paramref name="user"/> holds, each with its kind.</summary>
    public static Dictionary<string, string> NamesOf(User user)
    {
        var names = user.LoginNames().Distinct().ToDictionary(n => n, _ => LoginKind);
        foreach (var secondary in user.SecondaryEmails.Select(LoginName.Normalize))
        {
            names.TryAdd(secondary, SecondaryKind);
        }

        return names;
    }

    /// <summary>The user who signs in with <paramref name="normalizedLogin"/> (a secondary email signs no one in).</summary>
    public async Task<string?> FindLoginAsync(string normalizedLogin, CancellationToken cancellationToken)
    {
        var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
        var row = await logins.GetEntityIfExistsAsync<TableEntity>(TableKeys.NamePartition(normalizedLogin), TableKeys.NameRow, ["UserId", "Kind"], cancellationToken);
        return row.HasValue && row.Value!.GetString("Kind") == LoginKind ? row.Value.GetString("UserId") : null;
    }

    /// <summary>The user who holds <paramref name="normalizedName"/>, whatever its kind.</summary>
    public async Task<string?> FindHolderAsync(string normalizedName, CancellationToken cancellationToken)
    {
        var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
        var row = await logins.GetEntityIfExistsAsync<TableEntity>(TableKeys.NamePartition(normalizedName), TableKeys.NameRow, ["UserId"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("UserId") : null;
    }

    /// <summary>Claims each name for <paramref name="userId"/>, or releases what it claimed and throws at the first taken one.</summary>
    public async Task<List<string>> ClaimAsync(string userId, IEnumerable<KeyValuePair<string, string>> names, CancellationToken cancellationToken)
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

    /// <summary>Rewrites the rows of names <paramref name="userId"/> keeps but whose kind changed (an email made main).</summary>
    public async Task UpdateKindsAsync(string userId, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, CancellationToken cancellationToken)
    {
        foreach (var (name, kind) in after.Where(n => before.TryGetValue(n.Key, out var was) && was != n.Value))
        {
            var logins = await tables.GetAsync(StorageTables.Logins, cancellationToken);
            await logins.UpsertEntityAsync(NameRow(userId, name, kind), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Frees the names of <paramref name="names"/> that <paramref name="userId"/> still holds.</summary>
    public async Task ReleaseAsync(string userId, IReadOnlyList<string> names, CancellationToken cancellationToken)
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

    private TableEntity NameRow(string userId, string name, string kind) =>
        new(TableKeys.NamePartition(name), TableKeys.NameRow)
        {
            ["UserId"] = userId,
            ["Kind"] = kind,
            ["ClaimedAt"] = time.GetUtcNow(),
        };

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

        var users = await tables.GetAsync(StorageTables.Users, cancellationToken);
        var holder = await VersionedRows.GetAsync<User>(users, holderId, TableKeys.UserRow, cancellationToken);
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
}
