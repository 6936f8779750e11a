using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;

namespace AccountAccess.Core.Organizations;

/// <summary>Where organizations, their units and their audit trail are kept.</summary>
public interface IOrganizationStore
{
    Task CreateAsync(Organization organization, AuditEvent created, CancellationToken cancellationToken);

    Task<Versioned<Organization>?> GetAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>The organizations that exist among <paramref name="organizationIds"/>, read concurrently.</summary>
    Task<IReadOnlyList<Organization>> GetManyAsync(IEnumerable<string> organizationIds, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="updated"/> and its events atomically if the stored version is still <paramref name="current"/>'s.</summary>
    /// <exception cref="ConcurrencyConflictException">The organization changed since it was read.</exception>
    Task<Versioned<Organization>> SaveAsync(Versioned<Organization> current, Organization updated, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SaveAsync(Versioned{Organization}, Organization, IReadOnlyList{AuditEvent}, CancellationToken)"/>, and
    /// records <paramref name="processedEventId"/> (a webhook event's id) in the same atomic write.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The organization changed since it was read.</exception>
    /// <exception cref="UniqueKeyTakenException">The event was processed before: nothing is saved.</exception>
    Task<Versioned<Organization>> SaveAsync(
        Versioned<Organization> current, Organization updated, IReadOnlyList<AuditEvent> events, string processedEventId, CancellationToken cancellationToken);

    Task AddUnitAsync(Unit unit, AuditEvent created, CancellationToken cancellationToken);

    Task<IReadOnlyList<Unit>> GetUnitsAsync(string organizationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string organizationId, int max, CancellationToken cancellationToken);
}
