using System.Security.Cryptography;

namespace AccountAccess.Core.Concurrency;

/// <summary>
/// Runs a read–decide–write operation again when its write loses a race (<see cref="ConcurrencyConflictException"/>),
/// so concurrent requests never lose an update. A little random back-off spreads the retries of a burst.
/// </summary>
public static class OptimisticRetry
{
    /// <summary>Attempts before giving up. A burst of 10 concurrent writers needs at most 10. Defaults to 25.</summary>
    public const int MaxAttempts = 25;

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                var backOff = TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(1, 5 + 5 * attempt));
                await Task.Delay(backOff, time, cancellationToken);
            }
        }
    }
}
