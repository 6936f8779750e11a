namespace AccountAccess.Core.Concurrency;

/// <summary>
/// Thrown by a store when a save is refused because the stored version changed since it was read
/// (an ETag mismatch). Callers reload, decide again and retry: see <see cref="OptimisticRetry"/>.
/// </summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
