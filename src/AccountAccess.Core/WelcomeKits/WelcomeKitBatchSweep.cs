namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// Deletes the progress of batches older than <see cref="WelcomeKitSettings.BatchRetention"/>, so the
/// <c>WelcomeKitBatches</c> table holds only batches someone may still follow. What each person got stays on their trail
/// (<c>welcome_kit_sent</c>, <c>welcome_kit_skipped</c>) and the request on the organization's (<c>welcome_kits_requested</c>).
/// Run by the welcome-kit timer.
/// </summary>
public sealed class WelcomeKitBatchSweep(IWelcomeKitProgress progress, WelcomeKitSettings settings, TimeProvider time)
{
    /// <summary>How many batches one run deletes; the rest wait for the next run. Defaults to 100.</summary>
    public const int BatchesPerRun = 100;

    /// <summary>Returns how many batches were deleted.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        progress.DeleteRequestedBeforeAsync(time.GetUtcNow() - settings.BatchRetention, BatchesPerRun, cancellationToken);
}
