using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary><see cref="IWorkflowStore"/> in memory with the Table store's ETag behaviour.</summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string, string), Versioned<WorkflowInstance>> instances = [];
    private int lastVersion;

    public WorkflowInstance? this[string workflow, string instanceId]
    {
        get
        {
            lock (gate)
            {
                return instances.TryGetValue((workflow, instanceId), out var found) ? found.Value : null;
            }
        }
    }

    public Task<Versioned<WorkflowInstance>?> GetAsync(string workflow, string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(instances.TryGetValue((workflow, instanceId), out var found) ? found : null);
        }
    }

    public Task<Versioned<WorkflowInstance>> SaveAsync(Versioned<WorkflowInstance>? current, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var key = (instance.Workflow, instance.InstanceId);
            var exists = instances.TryGetValue(key, out var stored);
            if ((current is null && exists) || (current is not null && (!exists || stored!.Version != current.Version)))
            {
                throw new ConcurrencyConflictException($"{key} changed.");
            }

            var saved = new Versioned<WorkflowInstance>(instance, $"v{++lastVersion}");
            instances[key] = saved;
            return Task.FromResult(saved);
        }
    }

    public Task<IReadOnlyList<WorkflowInstance>> FindOverdueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<WorkflowInstance>>(instances.Values.Select(v => v.Value)
                .Where(i => i.Status == WorkflowStatus.Running && i.DueAt <= dueBefore).Take(max).ToList());
        }
    }

    public Task<IReadOnlyList<WorkflowInstance>> ListAsync(string? workflow, WorkflowStatus? status, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<WorkflowInstance>>(instances.Values.Select(v => v.Value)
                .Where(i => (workflow is null || i.Workflow == workflow) && (status is null || i.Status == status))
                .OrderByDescending(i => i.UpdatedAt).Take(max).ToList());
        }
    }
}
