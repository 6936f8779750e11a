using AccountAccess.Core.Passwords.ResetLinks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>
/// Follows a user's latest reset or activation link (one instance per user, <c>reset-link:{userId}</c>) until it is
/// used or expires, whichever comes first — a race of an external event and a durable timer, the timer cancelled when
/// the event wins — and has the expiry recorded. A newer link (an event) replaces the one waited for at once
/// (<c>ContinueAsNew</c>, so the history stays one link long); a newer link whose event was missed is found by the
/// activity and followed in turn. Deterministic: time only from the context, I/O only in the activity.
/// </summary>
public static class ResetLinkOrchestrator
{
    /// <summary>The orchestration's name, as operators see it (<c>GET /api/workflows/ResetLink/{userId}</c>).</summary>
    public const string Name = "ResetLink";

    [Function(Name)]
    public static async Task<string> ResetLink([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var link = context.GetInput<ResetLinkIssued>()
            ?? throw new InvalidOperationException($"{context.InstanceId} was started without its link.");
        context.SetCustomStatus(new ResetLinkStatus(ResetLinkStatus.ExpireStep, link.ExpiresAt, link.LinkId));

        using var expiry = new CancellationTokenSource();
        var expired = context.CreateTimer(link.ExpiresAt.UtcDateTime, expiry.Token);
        var used = context.WaitForExternalEvent<ResetLinkUsed>(ResetLinkUsed.EventName);
        var reissued = context.WaitForExternalEvent<ResetLinkIssued>(ResetLinkIssued.EventName);
        var first = await Task.WhenAny(expired, used, reissued);
        if (first != expired)
        {
            // An orchestration does not end while a timer is pending.
            expiry.Cancel();
        }

        if (first == reissued)
        {
            context.ContinueAsNew(await reissued);
            return ResetLinkExpiryOutcome.Superseded;
        }

        if (first == used)
        {
            return ResetLinkExpiryOutcome.Used;
        }

        var followUp = await context.CallActivityAsync<ResetLinkFollowUp>(nameof(ResetLinkActivities.RecordResetLinkExpiry), link);
        if (followUp.Next is { } next)
        {
            context.ContinueAsNew(next);
        }

        return followUp.Outcome;
    }
}
