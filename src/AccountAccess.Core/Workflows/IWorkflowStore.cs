using AccountAccess.Core.Concurrency;

namespace AccountAccess.Core.Workflows;

/// <summary>Where workflow instances are kept, with ETag concurrency.</summary>
public interface IWorkflowStore
{
    Task<Versioned<WorkflowInstance>?> GetAsync(string workflow, string instanceId, CancellationToken cancellationToken);

    /// <summary>Creates the instance, or replaces it if <paramref name="current"/> is its stored version.</summary>
    /// <exception cref="ConcurrencyConflictException">Created or changed by someone else meanwhile.</exception>
    Task<Versioned<WorkflowInstance>> SaveAsync(Versioned<WorkflowInstance>? current, WorkflowInstance instance, CancellationToken cancellationToken);

    /// <summary>Running instances whose due time is at or before <paramref name="dueBefore"/>.</summary>
    Task<IReadOnlyList<WorkflowInstance>> FindOverdueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken);

    /// <summary>Instances for operators, newest first; filters are optional.</summary>
    Task<IReadOnlyList<WorkflowInstance>> ListAsync(string? workflow, WorkflowStatus? status, int max, CancellationToken cancellationToken);
}
