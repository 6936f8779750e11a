namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// What became of each person of a batch (queued, sent, skipped), kept beside the batch so an administrator can follow it
/// (GET /api/organizations/{orgId}/welcome-kits/{requestId}). Written at three points, each idempotent because the queue
/// delivers at least once: the request (the batch and who it skipped at once), the fan-out (who it queued), the delivery
/// (who was sent a kit, or skipped then). A redelivered step rewrites what it wrote, never what a later step wrote.
/// </summary>
public interface IWelcomeKitProgress
{
    /// <summary>Records the batch as answered: how many it queued, and the people it skipped that no fan-out carries.</summary>
    Task StartAsync(WelcomeKitBatchStart start, CancellationToken cancellationToken);

    /// <summary>Records the people of one fan-out message: queued, or skipped for the reason the request found.</summary>
    Task RecordFannedOutAsync(WelcomeKitFanOut fanOut, CancellationToken cancellationToken);

    /// <summary>Records that the kit of <paramref name="userId"/> went out at <paramref name="sentAt"/>.</summary>
    Task RecordSentAsync(string requestId, string userId, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Records that a queued person turned out, at delivery, not to be able to get a kit.</summary>
    Task RecordSkippedAsync(string requestId, string userId, WelcomeKitSkipReason reason, CancellationToken cancellationToken);

    /// <summary>The batch <paramref name="requestId"/> of <paramref name="organizationId"/>; null when there is none.</summary>
    Task<WelcomeKitBatchProgress?> GetAsync(string organizationId, string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes, with all their people, up to <paramref name="maxBatches"/> batches requested before <paramref name="before"/>,
    /// oldest first. Returns how many it deleted; a run cut short leaves the rest for the next.
    /// </summary>
    Task<int> DeleteRequestedBeforeAsync(DateTimeOffset before, int maxBatches, CancellationToken cancellationToken);
}
