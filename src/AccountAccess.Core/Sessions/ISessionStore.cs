using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// Where sessions are kept: beside their user, so that a session begins, and the sessions it replaces go, in one atomic
/// write with the user's list of them (<see cref="User.Sessions"/>). Ending a session only changes that list, through the
/// <see cref="IUserStore"/>; a refresh only changes its session.
/// </summary>
public interface ISessionStore
{
    /// <summary>
    /// Saves <paramref name="updated"/> (which differs from <paramref name="current"/> only in its sessions and trusted
    /// devices: the device a sign-in trusts is saved with its session), adds
    /// <paramref name="started"/> and removes the sessions of <paramref name="removedSessionIds"/>, with
    /// <paramref name="events"/>, all or nothing, if the user is still at <paramref name="current"/>'s version.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The user changed since it was read.</exception>
    Task<Versioned<User>> StartAsync(Versioned<User> current, User updated, Session started, IReadOnlyList<string> removedSessionIds, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    Task<Versioned<Session>?> GetAsync(string userId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Saves a refreshed session if it is still at <paramref name="current"/>'s version.</summary>
    /// <exception cref="ConcurrencyConflictException">The session changed since it was read (another refresh won).</exception>
    Task<Versioned<Session>> SaveAsync(Versioned<Session> current, Session updated, CancellationToken cancellationToken);

    /// <summary>Every session kept for <paramref name="userId"/>.</summary>
    Task<IReadOnlyList<Session>> ListAsync(string userId, CancellationToken cancellationToken);
}
