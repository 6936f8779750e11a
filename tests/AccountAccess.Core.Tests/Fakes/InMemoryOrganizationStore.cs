using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// <see cref="IOrganizationStore"/> in memory, with the guarantees of the Table store: a new version on every save, a
/// <see cref="ConcurrencyConflictException"/> for a stale version, a <see cref="UniqueKeyTakenException"/> for an event id
/// already processed, audit events newest first.
/// </summary>
public sealed class InMemoryOrganizationStore : IOrganizationStore
{
    private readonly HashSet<(string OrganizationId, string EventId)> processedEvents = [];
    private readonly Lock gate = new();
    private readonly Dictionary<string, Versioned<Organization>> organizations = [];
    private readonly List<Unit> units = [];
    private readonly Dictionary<string, List<AuditEvent>> events = [];
    private Action? beforeNextSave;
    private int lastVersion;

    /// <summary>How many saves were refused for a stale version.</summary>
    public int ConflictCount { get; private set; }

    /// <summary>The organization as stored now.</summary>
    public Organization this[string organizationId]
    {
        get
        {
            lock (gate)
            {
                return organizations[organizationId].Value;
            }
        }
    }

    /// <summary>Runs <paramref name="concurrentWriter"/> once, at the start of the next save: a request that wins the race.</summary>
    public void BeforeNextSave(Action concurrentWriter) => beforeNextSave = concurrentWriter;

    /// <summary>Arranges a stored organization without an audit event.</summary>
    public Organization Add(Organization organization)
    {
        lock (gate)
        {
            organizations[organization.Id] = new Versioned<Organization>(organization, NewVersion());
            events.TryAdd(organization.Id, []);
            return organization;
        }
    }

    /// <summary>Arranges a unit of an organization without an audit event.</summary>
    public Unit AddUnit(string organizationId, string unitId)
    {
        lock (gate)
        {
            var unit = new Unit(unitId, organizationId, "Unit " + unitId, TestData.Start);
            units.Add(unit);
            return unit;
        }
    }

    public IReadOnlyList<AuditEvent> EventsOf(string organizationId)
    {
        lock (gate)
        {
            return events.TryGetValue(organizationId, out var trail) ? [.. trail] : [];
        }
    }

    public Task CreateAsync(Organization organization, AuditEvent created, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (organizations.ContainsKey(organization.Id))
            {
                throw new InvalidOperationException($"{organization.Id} already exists.");
            }

            organizations[organization.Id] = new Versioned<Organization>(organization, NewVersion());
            events[organization.Id] = [];
            Record(organization.Id, [created]);
            return Task.CompletedTask;
        }
    }

    public Task<Versioned<Organization>?> GetAsync(string organizationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(organizations.GetValueOrDefault(organizationId));
        }
    }

    public Task<IReadOnlyList<Organization>> GetManyAsync(IEnumerable<string> organizationIds, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Organization>>(
                [.. organizationIds.Distinct().Where(organizations.ContainsKey).Select(id => organizations[id].Value)]);
        }
    }

    public Task<Versioned<Organization>> SaveAsync(Versioned<Organization> current, Organization updated, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        RunConcurrentWriter();
        lock (gate)
        {
            return Task.FromResult(Commit(current, updated, events));
        }
    }

    public Task<Versioned<Organization>> SaveAsync(
        Versioned<Organization> current, Organization updated, IReadOnlyList<AuditEvent> events, string processedEventId, CancellationToken cancellationToken)
    {
        RunConcurrentWriter();
        lock (gate)
        {
            if (processedEvents.Contains((updated.Id, processedEventId)))
            {
                throw new UniqueKeyTakenException(processedEventId);
            }

            var saved = Commit(current, updated, events);
            processedEvents.Add((updated.Id, processedEventId));
            return Task.FromResult(saved);
        }
    }

    public Task AddUnitAsync(Unit unit, AuditEvent created, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            units.Add(unit);
            Record(unit.OrganizationId, [created]);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Unit>> GetUnitsAsync(string organizationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Unit>>([.. units.Where(u => u.OrganizationId == organizationId)]);
        }
    }

    public Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string organizationId, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEvent>>([.. EventsOf(organizationId).Take(max)]);

    private void RunConcurrentWriter() => Interlocked.Exchange(ref beforeNextSave, null)?.Invoke();

    private Versioned<Organization> Commit(Versioned<Organization> current, Organization updated, IReadOnlyList<AuditEvent> events)
    {
        if (!organizations.TryGetValue(updated.Id, out var stored) || stored.Version != current.Version)
        {
            ConflictCount++;
            throw new ConcurrencyConflictException($"{updated.Id} changed since it was read.");
        }

        var saved = new Versioned<Organization>(updated, NewVersion());
        organizations[updated.Id] = saved;
        Record(updated.Id, events);
        return saved;
    }

    private void Record(string organizationId, IEnumerable<AuditEvent> saved)
    {
        if (!events.TryGetValue(organizationId, out var trail))
        {
            trail = events[organizationId] = [];
        }

        foreach (var auditEvent in saved)
        {
            trail.Insert(0, auditEvent);
        }

        var ordered = trail.OrderByDescending(e => e.At).ToList();
        trail.Clear();
        trail.AddRange(ordered);
    }

    private string NewVersion() => $"v{Interlocked.Increment(ref lastVersion)}";
}
