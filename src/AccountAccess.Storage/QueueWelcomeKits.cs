using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Storage;

/// <summary>
/// Welcome-kit batches as queue messages, JSON as the queue trigger reads it: fan-outs in <c>welcome-kit-fan-outs</c>, then
/// one request per user in <c>welcome-kits</c>.
/// </summary>
public sealed class QueueWelcomeKits(StorageQueues queues) : IWelcomeKitQueue
{
    /// <summary>Sends in flight at once: queue storage takes one message per request.</summary>
    private const int Concurrency = 32;

    public Task SendFanOutsAsync(IReadOnlyList<WelcomeKitFanOut> fanOuts, CancellationToken cancellationToken) =>
        SendEachAsync(StorageQueues.WelcomeKitFanOuts, fanOuts, cancellationToken);

    public Task SendAsync(IReadOnlyList<WelcomeKitRequest> requests, CancellationToken cancellationToken) =>
        SendEachAsync(StorageQueues.WelcomeKits, requests, cancellationToken);

    public async Task SendLaterAsync(WelcomeKitRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(StorageQueues.WelcomeKits, cancellationToken);
        await queue.SendMessageAsync(StorageJson.Serialize(request), visibilityTimeout: delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }

    public static WelcomeKitRequest Parse(string message) => StorageJson.Deserialize<WelcomeKitRequest>(message);

    public static WelcomeKitFanOut ParseFanOut(string message) => StorageJson.Deserialize<WelcomeKitFanOut>(message);

    private async Task SendEachAsync<T>(string queueName, IReadOnlyList<T> messages, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(queueName, cancellationToken);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (message, ct) => await queue.SendMessageAsync(StorageJson.Serialize(message), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: ct));
    }
}
