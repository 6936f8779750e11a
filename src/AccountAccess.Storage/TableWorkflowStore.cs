using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Workflows;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// Workflow instances in the <c>Workflows</c> table: partition = workflow name, row = instance id; the instance as JSON
/// plus <c>Status</c> and <c>DueAt</c> columns the sweep queries.
/// </summary>
public sealed class TableWorkflowStore(StorageTables tables) : IWorkflowStore
{
    public async Task<Versioned<WorkflowInstance>?> GetAsync(string workflow, string instanceId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafeId(workflow) || !TableKeys.IsSafeId(instanceId))
        {
            return null;
        }

        var table = await tables.GetAsync(StorageTables.Workflows, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(workflow, instanceId, ["Data"], cancellationToken);
        return row.HasValue ? new Versioned<WorkflowInstance>(Read(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<Versioned<WorkflowInstance>> SaveAsync(Versioned<WorkflowInstance>? current, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Workflows, cancellationToken);
        var entity = new TableEntity(instance.Workflow, instance.InstanceId)
        {
            ["Status"] = instance.Status.ToSnakeCase(),
            ["DueAt"] = instance.DueAt,
            ["UpdatedAt"] = instance.UpdatedAt,
            ["Data"] = StorageJson.Serialize(instance),
        };

        try
        {
            var response = current is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(current.Version), TableUpdateMode.Replace, cancellationToken);
            return new Versioned<WorkflowInstance>(instance, response.Headers.ETag!.Value.ToString());
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException($"Workflow {instance.Workflow}/{instance.InstanceId} changed since it was read.");
        }
    }

    public async Task<IReadOnlyList<WorkflowInstance>> FindOverdueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Workflows, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"Status eq {WorkflowStatus.Running.ToSnakeCase()} and DueAt le {dueBefore}");
        return await ReadAsync(table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["Data"], cancellationToken: cancellationToken), max);
    }

    public async Task<IReadOnlyList<WorkflowInstance>> ListAsync(string? workflow, WorkflowStatus? status, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Workflows, cancellationToken);
        var filters = new List<string>();
        if (workflow is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {workflow}"));
        }

        if (status is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status.Value.ToSnakeCase()}"));
        }

        var query = table.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), maxPerPage: 1000, select: ["Data"], cancellationToken: cancellationToken);
        var instances = await ReadAsync(query, 5000);
        return instances.OrderByDescending(i => i.UpdatedAt).Take(max).ToList();
    }

    private static async Task<IReadOnlyList<WorkflowInstance>> ReadAsync(AsyncPageable<TableEntity> query, int max)
    {
        var instances = new List<WorkflowInstance>();
        await foreach (var row in query)
        {
            instances.Add(Read(row));
            if (instances.Count >= max)
            {
                break;
            }
        }

        return instances;
    }

    private static WorkflowInstance Read(TableEntity row) => StorageJson.Deserialize<WorkflowInstance>(row.GetString("Data"));
}
