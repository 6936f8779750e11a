using AccountAccess.Core.Concurrency;

namespace AccountAccess.Core.TwoFactor;

/// <summary>Where two-factor challenges are kept, with ETag concurrency (the wrong-code count races).</summary>
public interface IChallengeStore
{
    Task CreateAsync(Challenge challenge, CancellationToken cancellationToken);

    Task<Versioned<Challenge>?> GetAsync(string challengeId, CancellationToken cancellationToken);

    /// <exception cref="ConcurrencyConflictException">The challenge changed since it was read.</exception>
    Task<Versioned<Challenge>> SaveAsync(Versioned<Challenge> current, Challenge updated, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> challenges first due to expire before <paramref name="before"/>; returns how many.</summary>
    /// <summary>Deletes every challenge of <paramref name="userId"/> (its account is being erased).</summary>
    Task DeleteForUserAsync(string userId, CancellationToken cancellationToken);

    Task<int> DeleteExpiredAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
