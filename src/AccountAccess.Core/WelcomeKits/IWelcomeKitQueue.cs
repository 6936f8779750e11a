namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// Where a batch's welcome-kit requests wait: first as fan-out messages of up to a hundred users each, then one message
/// per user for the queue function that sends them. Both are at-least-once: handling is idempotent.
/// </summary>
public interface IWelcomeKitQueue
{
    /// <summary>Sends one fan-out message each.</summary>
    Task SendFanOutsAsync(IReadOnlyList<WelcomeKitFanOut> fanOuts, CancellationToken cancellationToken);

    /// <summary>Sends one message per request.</summary>
    Task SendAsync(IReadOnlyList<WelcomeKitRequest> requests, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="request"/> again, to be delivered after <paramref name="delay"/>.</summary>
    Task SendLaterAsync(WelcomeKitRequest request, TimeSpan delay, CancellationToken cancellationToken);
}
