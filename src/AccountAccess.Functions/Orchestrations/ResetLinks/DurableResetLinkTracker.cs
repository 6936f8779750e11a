using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Functions.Durable;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>
/// Core's <see cref="IResetLinkTracker"/> as the starter of the reset-link orchestration: a new link starts the user's
/// instance, or — when it runs — is raised to it as an event; a redeemed link is raised as <c>ResetLinkUsed</c>.
/// </summary>
public sealed class DurableResetLinkTracker(TaskHubClient client) : IResetLinkTracker
{
    public const string InstancePrefix = "reset-link:";

    public static string InstanceIdFor(string userId) => InstancePrefix + userId;

    public async Task TrackAsync(string userId, ResetLink link, CancellationToken cancellationToken)
    {
        var instanceId = InstanceIdFor(userId);
        var issued = new ResetLinkIssued(userId, link.LinkId, link.ExpiresAt);
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            await client.RaiseEventAsync(instanceId, ResetLinkIssued.EventName, issued, cancellationToken);
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ResetLinkOrchestrator.Name, issued, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by a concurrent request in between: hand it this link instead.
            await client.RaiseEventAsync(instanceId, ResetLinkIssued.EventName, issued, cancellationToken);
        }
    }

    public Task UsedAsync(string userId, string linkId, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(InstanceIdFor(userId), ResetLinkUsed.EventName, new ResetLinkUsed(linkId), cancellationToken);
}
