using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Storage;

/// <summary>Welcome-kit requests as messages of the <c>welcome-kits</c> queue, one per user, JSON as the queue trigger reads it.</summary>
public sealed class QueueWelcomeKits(StorageQueues queues) : IWelcomeKitQueue
{
    /// <summary>
    /// Sends in flight at once. Queue storage takes one message per request, so a batch of 10,000 is sent concurrently to
    /// answer within seconds rather than minutes.
    /// </summary>
    private const int Concurrency = 32;

    public async Task SendAsync(IReadOnlyList<WelcomeKitRequest> requests, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(StorageQueues.WelcomeKits, cancellationToken);
        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (request, ct) => await queue.SendMessageAsync(StorageJson.Serialize(request), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: ct));
    }

    public async Task SendLaterAsync(WelcomeKitRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(StorageQueues.WelcomeKits, cancellationToken);
        await queue.SendMessageAsync(StorageJson.Serialize(request), visibilityTimeout: delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }

    public static WelcomeKitRequest Parse(string message) => StorageJson.Deserialize<WelcomeKitRequest>(message);
}
