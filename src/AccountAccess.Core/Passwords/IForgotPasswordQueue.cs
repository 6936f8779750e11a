namespace AccountAccess.Core.Passwords;

/// <summary>
/// Where forgot-password requests wait to be handled. The HTTP answer only queues the request — the same work for a
/// login that exists and one that does not — so its time reveals nothing; the lookup and the email come after.
/// </summary>
public interface IForgotPasswordQueue
{
    Task EnqueueAsync(ForgotPasswordRequest request, CancellationToken cancellationToken);

    /// <summary>Queues <paramref name="request"/> again, to be handled after <paramref name="delay"/> (its time of request unchanged).</summary>
    Task EnqueueLaterAsync(ForgotPasswordRequest request, TimeSpan delay, CancellationToken cancellationToken);
}
