using AccountAccess.Core.Concurrency;

namespace AccountAccess.Core.Passkeys;

/// <summary>Where passkey ceremonies wait for their answer, with ETag concurrency (two answers race to end one).</summary>
public interface IPasskeyCeremonyStore
{
    Task CreateAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken);

    /// <summary>The ceremony, or null for an id that is unknown (or not one of ours), or swept since it ended.</summary>
    Task<Versioned<PasskeyCeremony>?> GetAsync(string ceremonyId, CancellationToken cancellationToken);

    /// <exception cref="ConcurrencyConflictException">The ceremony changed since it was read.</exception>
    Task<Versioned<PasskeyCeremony>> SaveAsync(Versioned<PasskeyCeremony> current, PasskeyCeremony updated, CancellationToken cancellationToken);
}
