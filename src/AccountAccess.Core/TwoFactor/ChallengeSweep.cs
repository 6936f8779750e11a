namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// Deletes two-factor challenges long over, so the table holds only recent ones. The audit trail keeps what happened
/// (codes sent, wrong codes, success); a challenge row is only the working state of a sign-in in progress. Run by a
/// timer function.
/// </summary>
public sealed class ChallengeSweep(IChallengeStore challenges, TimeProvider time)
{
    /// <summary>
    /// How long past its first expiry a challenge is kept. Late codes can extend a challenge (each lives 10 minutes, at
    /// most 5 per challenge), so a day is far beyond any challenge still in use. Defaults to one day.
    /// </summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    /// <summary>How many challenges one run deletes; the rest wait for the next run. Defaults to 500.</summary>
    public const int BatchSize = 500;

    /// <summary>Returns how many challenges were deleted.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        challenges.DeleteExpiredAsync(time.GetUtcNow() - KeptAfterExpiry, BatchSize, cancellationToken);
}
