using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Functions.Durable;

namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>
/// Core's <see cref="IResetLinkTracker"/> as the starter of the reset-link orchestration: a new link starts the user's
/// instance, or — when it runs — is raised to it as an event; a redeemed link is raised as <c>ResetLinkUsed</c>. Through the invocation's <c>[DurableClient]</c> (<see cref="BoundDurableClient"/>).
/// </summary>
public sealed class DurableResetLinkTracker(BoundDurableClient durable) : IResetLinkTracker
{
    public const string InstancePrefix = "reset-link:";

    public static string InstanceIdFor(string userId) => InstancePrefix + userId;

    public Task TrackAsync(string userId, ResetLink link, CancellationToken cancellationToken) =>
        durable.Client.StartOrRaiseAsync(ResetLinkOrchestrator.Name, InstanceIdFor(userId), new ResetLinkIssued(userId, link.LinkId, link.ExpiresAt),
            ResetLinkIssued.EventName, cancellationToken);

    public Task StopAsync(string userId, CancellationToken cancellationToken) =>
        durable.Client.StopAndForgetAsync(InstanceIdFor(userId), "user_deleted", cancellationToken);

    public Task UsedAsync(string userId, string linkId, CancellationToken cancellationToken) =>
        durable.Client.RaiseEventAsync(InstanceIdFor(userId), ResetLinkUsed.EventName, new ResetLinkUsed(linkId), cancellationToken);
}
