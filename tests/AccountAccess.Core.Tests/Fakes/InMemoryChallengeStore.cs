using AccountAccess.Core.Concurrency;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary><see cref="IChallengeStore"/> in memory with the Table store's ETag behaviour.</summary>
public sealed class InMemoryChallengeStore : IChallengeStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Versioned<Challenge>> challenges = [];
    private int lastVersion;

    public Challenge? this[string id]
    {
        get
        {
            lock (gate)
            {
                return challenges.TryGetValue(id, out var found) ? found.Value : null;
            }
        }
    }

    public Task CreateAsync(Challenge challenge, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            challenges.Add(challenge.Id, new Versioned<Challenge>(challenge, $"v{++lastVersion}"));
        }

        return Task.CompletedTask;
    }

    public Task<Versioned<Challenge>?> GetAsync(string challengeId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(challenges.TryGetValue(challengeId, out var found) ? found : null);
        }
    }

    public Task<Versioned<Challenge>> SaveAsync(Versioned<Challenge> current, Challenge updated, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!challenges.TryGetValue(updated.Id, out var stored) || stored.Version != current.Version)
            {
                throw new ConcurrencyConflictException($"{updated.Id} changed.");
            }

            var saved = new Versioned<Challenge>(updated, $"v{++lastVersion}");
            challenges[updated.Id] = saved;
            return Task.FromResult(saved);
        }
    }

    public Task DeleteForUserAsync(string userId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var id in challenges.Where(c => c.Value.Value.UserId == userId).Select(c => c.Key).ToList())
            {
                challenges.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var expired = challenges.Values.Where(c => c.Value.ExpiresAt < before).Take(max).Select(c => c.Value.Id).ToList();
            expired.ForEach(id => challenges.Remove(id));
            return Task.FromResult(expired.Count);
        }
    }
}
