namespace AccountAccess.Core.WelcomeKits;

/// <summary>Where a batch's welcome-kit requests wait, one message per user, for the queue function that sends them.</summary>
public interface IWelcomeKitQueue
{
    /// <summary>Sends one message per request. A request may be delivered more than once: handling is idempotent.</summary>
    Task SendAsync(IReadOnlyList<WelcomeKitRequest> requests, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="request"/> again, to be delivered after <paramref name="delay"/>.</summary>
    Task SendLaterAsync(WelcomeKitRequest request, TimeSpan delay, CancellationToken cancellationToken);
}
