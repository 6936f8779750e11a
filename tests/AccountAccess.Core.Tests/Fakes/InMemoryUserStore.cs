using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// <see cref="IUserStore"/> in memory, with the guarantees of the Table store: a new version on every save, a
/// <see cref="ConcurrencyConflictException"/> for a stale version, a <see cref="UniqueKeyTakenException"/> for a name another
/// account holds, a timed-lock entry whenever a new timed lock is saved, a pending-activation entry written when what it
/// holds changes (a new version each time) and removed when the account no longer needs one, and audit events newest first.
/// </summary>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Versioned<User>> users = [];
    private readonly Dictionary<string, HeldName> names = [];
    private readonly Dictionary<string, List<AuditEvent>> events = [];
    private readonly List<TimedLockEntry> timedLocks = [];
    private readonly Dictionary<string, Versioned<PendingActivation>> pendingActivations = [];
    private Action? beforeNextSave;
    private Action? beforeNextRead;
    private int lastVersion;

    /// <summary>How many decoy failures unknown logins saved.</summary>
    public int DecoyFailureCount { get; private set; }

    /// <summary>How many saves were committed (creations excluded).</summary>
    public int SaveCount { get; private set; }

    /// <summary>How many saves were refused for a stale version.</summary>
    public int ConflictCount { get; private set; }

    public IReadOnlyList<TimedLockEntry> TimedLockEntries
    {
        get
        {
            lock (gate)
            {
                return [.. timedLocks];
            }
        }
    }

    /// <summary>Runs <paramref name="concurrentWriter"/> once, at the start of the next save: a request that wins the race.</summary>
    public void BeforeNextSave(Action concurrentWriter) => beforeNextSave = concurrentWriter;

    /// <summary>Runs <paramref name="action"/> once, at the start of the next read of a user (time passing before a step reads the account).</summary>
    public void BeforeNextRead(Action action) => beforeNextRead = action;

    /// <summary>Arranges a stored user (and the names it holds) without an audit event.</summary>
    public Versioned<User> Add(User user)
    {
        lock (gate)
        {
            ClaimNames(user);
            IndexPendingActivation(users.GetValueOrDefault(user.Id)?.Value, user);
            var stored = new Versioned<User>(user, NewVersion());
            users[user.Id] = stored;
            events.TryAdd(user.Id, []);
            return stored;
        }
    }

    /// <summary>The pending-activations index as it stands.</summary>
    public IReadOnlyList<Versioned<PendingActivation>> PendingActivationEntries
    {
        get
        {
            lock (gate)
            {
                return [.. pendingActivations.Values];
            }
        }
    }

    /// <summary>Arranges an index entry that trails its account (a process died between the index write and the save).</summary>
    public void AddPendingActivationEntry(PendingActivation entry)
    {
        lock (gate)
        {
            pendingActivations[entry.UserId] = new Versioned<PendingActivation>(entry, NewVersion());
        }
    }

    public void AddTimedLockEntry(TimedLockEntry entry)
    {
        lock (gate)
        {
            timedLocks.Add(entry);
        }
    }

    /// <summary>The user as stored now.</summary>
    public User this[string userId]
    {
        get
        {
            lock (gate)
            {
                return users[userId].Value;
            }
        }
    }

    /// <summary>The user's audit trail, newest first.</summary>
    public IReadOnlyList<AuditEvent> EventsOf(string userId)
    {
        lock (gate)
        {
            return events.TryGetValue(userId, out var trail) ? [.. trail] : [];
        }
    }

    public Task<string?> FindUserIdByLoginAsync(string normalizedLogin, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(names.TryGetValue(normalizedLogin, out var held) && held.IsLogin ? held.UserId : null);
        }
    }

    public Task<string?> FindHolderOfNameAsync(string normalizedName, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(names.TryGetValue(normalizedName, out var held) ? held.UserId : null);
        }
    }

    public Task<Versioned<User>?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref beforeNextRead, null)?.Invoke();
        lock (gate)
        {
            return Task.FromResult(users.GetValueOrDefault(userId));
        }
    }

    public Task SaveDecoyFailureAsync(string normalizedLogin, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            DecoyFailureCount++;
            return Task.CompletedTask;
        }
    }

    public Task CreateAsync(User user, AuditEvent created, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (users.ContainsKey(user.Id))
            {
                throw new InvalidOperationException($"{user.Id} already exists.");
            }

            ClaimNames(user);
            users[user.Id] = new Versioned<User>(user, NewVersion());
            IndexPendingActivation(null, user);
            events[user.Id] = [];
            Record(user.Id, [created]);
            return Task.CompletedTask;
        }
    }

    public Task DeleteAsync(Versioned<User> current, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!users.TryGetValue(current.Value.Id, out var stored) || stored.Version != current.Version)
            {
                ConflictCount++;
                throw new ConcurrencyConflictException($"{current.Value.Id} changed since it was read.");
            }

            users.Remove(current.Value.Id);
            events.Remove(current.Value.Id);
            foreach (var name in HeldNames(stored.Value).Keys)
            {
                names.Remove(name);
            }

            timedLocks.RemoveAll(l => l.UserId == current.Value.Id);
            pendingActivations.Remove(current.Value.Id);
            return Task.CompletedTask;
        }
    }

    public Task<Versioned<User>> SaveAsync(Versioned<User> current, User updated, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var concurrentWriter = Interlocked.Exchange(ref beforeNextSave, null);
        concurrentWriter?.Invoke();

        lock (gate)
        {
            if (!users.TryGetValue(updated.Id, out var stored) || stored.Version != current.Version)
            {
                ConflictCount++;
                throw new ConcurrencyConflictException($"{updated.Id} changed since it was read.");
            }

            ClaimNames(updated);
            foreach (var dropped in HeldNames(stored.Value).Keys.Except(HeldNames(updated).Keys))
            {
                names.Remove(dropped);
            }

            if (updated.Deactivation?.Until is { } until && until != stored.Value.Deactivation?.Until)
            {
                timedLocks.Add(new TimedLockEntry(updated.Id, until));
            }

            IndexPendingActivation(stored.Value, updated);
            var saved = new Versioned<User>(updated, NewVersion());
            users[updated.Id] = saved;
            Record(updated.Id, events);
            SaveCount++;
            return Task.FromResult(saved);
        }
    }

    public Task<IReadOnlyList<OrganizationMember>> ListMembersAsync(string organizationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<OrganizationMember>>(
                [.. users.Values.SelectMany(u => OrganizationMember.Of(u.Value)).Where(m => m.OrganizationId == organizationId)]);
        }
    }

    public Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string userId, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEvent>>([.. EventsOf(userId).Take(max)]);

    public Task<IReadOnlyList<TimedLockEntry>> FindEndedTimedLocksAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<TimedLockEntry>>([.. timedLocks.Where(e => e.Until <= now).OrderBy(e => e.Until).Take(max)]);
        }
    }

    public Task RemoveTimedLockEntryAsync(TimedLockEntry entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            timedLocks.Remove(entry);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Versioned<PendingActivation>>> ListPendingActivationsAsync(int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Versioned<PendingActivation>>>([.. pendingActivations.Values.OrderBy(e => e.Value.UserId, StringComparer.Ordinal).Take(max)]);
        }
    }

    public Task RemovePendingActivationAsync(Versioned<PendingActivation> entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (pendingActivations.TryGetValue(entry.Value.UserId, out var stored) && stored.Version == entry.Version)
            {
                pendingActivations.Remove(entry.Value.UserId);
            }

            return Task.CompletedTask;
        }
    }

    private void IndexPendingActivation(User? before, User after)
    {
        var entry = PendingActivation.Of(after);
        if (entry is null)
        {
            if (before is not null && PendingActivation.Of(before) is not null)
            {
                pendingActivations.Remove(after.Id);
            }
        }
        else if (before is null || entry != PendingActivation.Of(before))
        {
            pendingActivations[after.Id] = new Versioned<PendingActivation>(entry, NewVersion());
        }
    }

    private static Dictionary<string, bool> HeldNames(User user)
    {
        var held = user.LoginNames().Distinct().ToDictionary(n => n, _ => true);
        foreach (var secondary in user.SecondaryEmails.Select(LoginName.Normalize))
        {
            held.TryAdd(secondary, false);
        }

        return held;
    }

    // All or nothing: the first name held by another account refuses the whole change.
    private void ClaimNames(User user)
    {
        var wanted = HeldNames(user);
        if (wanted.Keys.FirstOrDefault(n => names.TryGetValue(n, out var holder) && holder.UserId != user.Id) is { } taken)
        {
            throw new UniqueKeyTakenException(taken);
        }

        foreach (var (name, isLogin) in wanted)
        {
            names[name] = new HeldName(user.Id, isLogin);
        }
    }

    private void Record(string userId, IEnumerable<AuditEvent> saved)
    {
        var trail = events[userId];
        foreach (var auditEvent in saved)
        {
            trail.Insert(0, auditEvent);
        }

        // Newest first, like the Table store's reverse-time row keys; events of one instant stay newest-inserted first.
        var ordered = trail.OrderByDescending(e => e.At).ToList();
        trail.Clear();
        trail.AddRange(ordered);
    }

    private string NewVersion() => $"v{Interlocked.Increment(ref lastVersion)}";

    private sealed record HeldName(string UserId, bool IsLogin);
}
