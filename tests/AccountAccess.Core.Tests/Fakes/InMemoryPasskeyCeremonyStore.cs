using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Passkeys;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary><see cref="IPasskeyCeremonyStore"/> in memory with the Table store's ETag behaviour.</summary>
public sealed class InMemoryPasskeyCeremonyStore : IPasskeyCeremonyStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Versioned<PasskeyCeremony>> ceremonies = [];
    private int lastVersion;

    public PasskeyCeremony? this[string id]
    {
        get
        {
            lock (gate)
            {
                return ceremonies.TryGetValue(id, out var found) ? found.Value : null;
            }
        }
    }

    public Task CreateAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            ceremonies.Add(ceremony.Id, new Versioned<PasskeyCeremony>(ceremony, $"v{++lastVersion}"));
        }

        return Task.CompletedTask;
    }

    public Task<Versioned<PasskeyCeremony>?> GetAsync(string ceremonyId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(ceremonies.TryGetValue(ceremonyId, out var found) ? found : null);
        }
    }

    public Task<Versioned<PasskeyCeremony>> SaveAsync(Versioned<PasskeyCeremony> current, PasskeyCeremony updated, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!ceremonies.TryGetValue(updated.Id, out var stored) || stored.Version != current.Version)
            {
                throw new ConcurrencyConflictException($"{updated.Id} changed.");
            }

            var saved = new Versioned<PasskeyCeremony>(updated, $"v{++lastVersion}");
            ceremonies[updated.Id] = saved;
            return Task.FromResult(saved);
        }
    }
}
