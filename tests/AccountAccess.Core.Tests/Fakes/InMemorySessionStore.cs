using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Sessions;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// <see cref="ISessionStore"/> in memory beside an <see cref="InMemoryUserStore"/>, with the Table store's guarantees: a
/// session starts only if the user's version is the one read (with its list and events), and a refresh saves only if
/// the session's version is the one read.
/// </summary>
public sealed class InMemorySessionStore(InMemoryUserStore users) : ISessionStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string UserId, string SessionId), Versioned<Session>> sessions = [];
    private Action? beforeNextSave;
    private int lastVersion;

    /// <summary>How many refreshes were refused for a stale version.</summary>
    public int ConflictCount { get; private set; }

    /// <summary>Runs <paramref name="concurrentWriter"/> once, at the start of the next refresh's save: a refresh that wins the race.</summary>
    public void BeforeNextSave(Action concurrentWriter) => beforeNextSave = concurrentWriter;

    /// <summary>The session as stored now.</summary>
    public Session this[string userId, string sessionId]
    {
        get
        {
            lock (gate)
            {
                return sessions[(userId, sessionId)].Value;
            }
        }
    }

    public IReadOnlyList<Session> All
    {
        get
        {
            lock (gate)
            {
                return [.. sessions.Values.Select(s => s.Value)];
            }
        }
    }

    public async Task<Versioned<User>> StartAsync(
        Versioned<User> current, User updated, Session started, IReadOnlyList<string> removedSessionIds, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var saved = await users.SaveAsync(current, updated, events, cancellationToken);
        lock (gate)
        {
            sessions[(updated.Id, started.Id)] = new Versioned<Session>(started, NewVersion());
            foreach (var removed in removedSessionIds)
            {
                sessions.Remove((updated.Id, removed));
            }
        }

        return saved;
    }

    public Task<Versioned<Session>?> GetAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(sessions.GetValueOrDefault((userId, sessionId)));
        }
    }

    public Task<Versioned<Session>> SaveAsync(Versioned<Session> current, Session updated, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref beforeNextSave, null)?.Invoke();
        lock (gate)
        {
            if (!sessions.TryGetValue((updated.UserId, updated.Id), out var stored) || stored.Version != current.Version)
            {
                ConflictCount++;
                throw new ConcurrencyConflictException($"{updated.Id} changed since it was read.");
            }

            var saved = new Versioned<Session>(updated, NewVersion());
            sessions[(updated.UserId, updated.Id)] = saved;
            return Task.FromResult(saved);
        }
    }

    public Task<IReadOnlyList<Session>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Session>>([.. sessions.Where(s => s.Key.UserId == userId).Select(s => s.Value.Value)]);
        }
    }

    private string NewVersion() => "s" + Interlocked.Increment(ref lastVersion);
}
