using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// Where users, the service-wide index of their names and their audit trails are kept. A user and the audit
/// events of one change are saved atomically.
/// </summary>
public interface IUserStore
{
    /// <summary>The user whose username or main email is <paramref name="normalizedLogin"/>; null for anything else (a secondary email is not a login).</summary>
    Task<string?> FindUserIdByLoginAsync(string normalizedLogin, CancellationToken cancellationToken);

    /// <summary>The user holding <paramref name="normalizedName"/> as its username, main email or a secondary email; null when nobody does.</summary>
    Task<string?> FindHolderOfNameAsync(string normalizedName, CancellationToken cancellationToken);

    Task<Versioned<User>?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Does the storage work of saving a failed sign-in (one atomic write of a user row and an audit event) on rows of no
    /// account, so that an unknown login's answer takes as long as a wrong password's: no account enumeration by time.
    /// The rows are chosen by <paramref name="normalizedLogin"/>, so a spray spreads over many, and overwritten each time.
    /// </summary>
    Task SaveDecoyFailureAsync(string normalizedLogin, CancellationToken cancellationToken);

    /// <exception cref="UniqueKeyTakenException">One of the user's names is held by another account.</exception>
    Task CreateAsync(User user, AuditEvent created, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="updated"/> and <paramref name="events"/> atomically if the stored version is still
    /// <paramref name="current"/>'s, claiming names the update adds and releasing names it drops.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The user changed since it was read.</exception>
    /// <exception cref="UniqueKeyTakenException">A name the update adds is held by another account.</exception>
    Task<Versioned<User>> SaveAsync(Versioned<User> current, User updated, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// The members of <paramref name="organizationId"/> from the member index, which the store keeps beside the users it
    /// saves. An entry may trail its account for a moment (see <see cref="OrganizationMember"/>).
    /// </summary>
    Task<IReadOnlyList<OrganizationMember>> ListMembersAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the user: its audit trail first, then its row if the stored version is still <paramref name="current"/>'s
    /// (the commit point), then its names (free for others at once), member-index, pending-activation and timed-lock
    /// entries. A conflict or a process dying before the row goes leaves a user without its trail, which a new erasure
    /// finishes; one dying after leaves names and entries the store treats as orphans (a name held by no account is taken
    /// over; readers of the indexes read the account again).
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The user changed since it was read (its trail is already gone).</exception>
    Task DeleteAsync(Versioned<User> current, CancellationToken cancellationToken);

    /// <summary>The user's audit trail, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> GetEventsAsync(string userId, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Timed lockouts due to end at or before <paramref name="now"/>. The store records one whenever it saves a user with a
    /// new timed lock; an entry may be stale (the lock was lifted or replaced) and is removed once handled.
    /// </summary>
    Task<IReadOnlyList<TimedLockEntry>> FindEndedTimedLocksAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task RemoveTimedLockEntryAsync(TimedLockEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> entries of the pending-activations index (accounts the welcome-kit schedule has a kit
    /// for), which the store keeps beside the users it saves. An entry may trail its account (see <see cref="PendingActivation"/>).
    /// </summary>
    Task<IReadOnlyList<Versioned<PendingActivation>>> ListPendingActivationsAsync(int max, CancellationToken cancellationToken);

    /// <summary>Removes a stale entry, unless the store rewrote it since it was listed (its account became due again) or it is gone.</summary>
    Task RemovePendingActivationAsync(Versioned<PendingActivation> entry, CancellationToken cancellationToken);
}
