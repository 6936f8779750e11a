using AccountAccess.Core.Passwords;

namespace AccountAccess.Storage;

/// <summary>
/// Forgot-password requests as messages of <c>forgot-password-requests</c>, JSON as the queue trigger reads it. A
/// request not handled within the hour is dropped: a reset email that late helps no one, and the person asks again.
/// </summary>
public sealed class QueueForgotPasswordRequests(StorageQueues queues) : IForgotPasswordQueue
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public async Task EnqueueAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(StorageQueues.ForgotPasswordRequests, cancellationToken);
        await queue.SendMessageAsync(StorageJson.Serialize(request), timeToLive: TimeToLive, cancellationToken: cancellationToken);
    }

    public async Task EnqueueLaterAsync(ForgotPasswordRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(StorageQueues.ForgotPasswordRequests, cancellationToken);
        await queue.SendMessageAsync(StorageJson.Serialize(request), visibilityTimeout: delay, timeToLive: TimeToLive, cancellationToken: cancellationToken);
    }

    public static ForgotPasswordRequest Parse(string message) => StorageJson.Deserialize<ForgotPasswordRequest>(message);
}
