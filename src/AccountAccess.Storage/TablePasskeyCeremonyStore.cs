using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Passkeys;

namespace AccountAccess.Storage;

/// <summary>
/// Passkey ceremonies in the <c>Challenges</c> table beside the two-factor challenges, one partition each, as JSON with the
/// ETag guarding their end. They carry the same <c>ExpiresAt</c> and <c>UserId</c> columns, so the challenge sweep deletes
/// them a day after they end and an erasure deletes the account's (<see cref="TableChallengeStore"/>).
/// </summary>
public sealed class TablePasskeyCeremonyStore(StorageTables tables) : IPasskeyCeremonyStore
{
    private const string Row = "passkey-ceremony";

    public async Task CreateAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Challenges, cancellationToken);
        await table.AddEntityAsync(VersionedRows.ToEntity(ceremony.Id, Row, ceremony, Columns(ceremony)), cancellationToken);
    }

    public async Task<Versioned<PasskeyCeremony>?> GetAsync(string ceremonyId, CancellationToken cancellationToken) =>
        await VersionedRows.GetAsync<PasskeyCeremony>(await tables.GetAsync(StorageTables.Challenges, cancellationToken), ceremonyId, Row, cancellationToken);

    public async Task<Versioned<PasskeyCeremony>> SaveAsync(Versioned<PasskeyCeremony> current, PasskeyCeremony updated, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Challenges, cancellationToken);
        return await VersionedRows.ReplaceAsync(table, updated.Id, Row, updated, current.Version, [], cancellationToken, Columns(updated));
    }

    private static Dictionary<string, object> Columns(PasskeyCeremony ceremony)
    {
        var columns = new Dictionary<string, object> { ["ExpiresAt"] = ceremony.ExpiresAt };
        if (ceremony.UserId is not null)
        {
            columns["UserId"] = ceremony.UserId;
        }

        return columns;
    }
}
