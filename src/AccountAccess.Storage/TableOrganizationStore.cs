using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Organizations;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Organizations in the <c>Organizations</c> table, one partition each: the organization row, its units, its audit
/// events and the ids of the webhook events it has processed.
/// </summary>
public sealed class TableOrganizationStore(StorageTables tables) : IOrganizationStore
{
    public async Task CreateAsync(Organization organization, AuditEvent created, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Organizations, cancellationToken);
        await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, VersionedRows.ToEntity(organization.Id, TableKeys.OrganizationRow, organization)),
                .. AuditEventRows.Adds(organization.Id, [created]),
            ],
            cancellationToken);
    }

    public async Task<Versioned<Organization>?> GetAsync(string organizationId, CancellationToken cancellationToken) =>
        await VersionedRows.GetAsync<Organization>(await tables.GetAsync(StorageTables.Organizations, cancellationToken), organizationId, TableKeys.OrganizationRow, cancellationToken);

    public async Task<IReadOnlyList<Organization>> GetManyAsync(IEnumerable<string> organizationIds, CancellationToken cancellationToken)
    {
        var reads = organizationIds.Distinct().Select(id => GetAsync(id, cancellationToken));
        var found = await Task.WhenAll(reads);
        return found.Where(o => o is not null).Select(o => o!.Value).ToList();
    }

    public async Task<Versioned<Organization>> SaveAsync(Versioned<Organization> current, Organization updated, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Organizations, cancellationToken);
        return await VersionedRows.ReplaceAsync(table, updated.Id, TableKeys.OrganizationRow, updated, current.Version, AuditEventRows.Adds(updated.Id, events), cancellationToken);
    }

    public async Task<Versioned<Organization>> SaveAsync(
        Versioned<Organization> current, Organization updated, IReadOnlyList<AuditEvent> events, string processedEventId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Organizations, cancellationToken);
        var processed = new TableEntity(updated.Id, TableKeys.ProcessedEventRow(processedEventId)) { ["EventId"] = processedEventId };
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, processed),
            new(TableTransactionActionType.UpdateReplace, VersionedRows.ToEntity(updated.Id, TableKeys.OrganizationRow, updated), new ETag(current.Version)),
            .. AuditEventRows.Adds(updated.Id, events),
        ];
        try
        {
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            return new Versioned<Organization>(updated, responses.Value[1].Headers.ETag!.Value.ToString());
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412)
        {
            // Which action failed decides: the processed-event row (a replay) or the organization row (a lost race).
            var replay = failed.FailedTransactionActionIndex == 0
                || (failed.FailedTransactionActionIndex is null
                    && (await table.GetEntityIfExistsAsync<TableEntity>(processed.PartitionKey, processed.RowKey, ["EventId"], cancellationToken)).HasValue);
            throw replay
                ? new UniqueKeyTakenException(processedEventId)
                : new ConcurrencyConflictException($"{updated.Id} changed since it was read.");
        }
    }

    public async Task AddUnitAsync(Unit unit, AuditEvent created, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Organizations, cancellationToken);
        await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, VersionedRows.ToEntity(unit.OrganizationId, TableKeys.UnitRow(unit.Id), unit)),
                .. AuditEventRows.Adds(unit.OrganizationId, [created]),
            ],
            cancellationToken);
    }

    public async Task<IReadOnlyList<Unit>> GetUnitsAsync(string organizationId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafeId(organizationId))
        {
            return [];
        }

        var table = await tables.GetAsync(StorageTables.Organizations, cancellationToken);
        var units = new List<Unit>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableKeys.UnitRangeFilter(organizationId), select: ["Data"], cancellationToken: cancellationToken))
        {
            units.Add(StorageJson.Deserialize<Unit>(row.GetString("Data")));
        }

        return units;
    }

    public async Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string organizationId, int max, CancellationToken cancellationToken) =>
        TableKeys.IsSafeId(organizationId)
            ? await AuditEventRows.ReadAsync(await tables.GetAsync(StorageTables.Organizations, cancellationToken), organizationId, max, cancellationToken)
            : [];
}
