using AccountAccess.Core.Passwords.ResetLinks;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>
/// The reset-link orchestration's activity, <c>RecordResetLinkExpiry</c>: records a link's expiry through Core (once, however often the engine runs
/// it) and says which link, if any, to follow next.
/// </summary>
public sealed class ResetLinkActivities(ResetLinkExpiry expiry)
{
    [Function(nameof(RecordResetLinkExpiry))]
    public async Task<ResetLinkFollowUp> RecordResetLinkExpiry([ActivityTrigger] ResetLinkIssued link, CancellationToken cancellationToken)
    {
        var outcome = await expiry.RecordAsync(link.UserId, link.LinkId, cancellationToken);
        return new ResetLinkFollowUp(outcome.Outcome, outcome.Next is { } next ? new ResetLinkIssued(link.UserId, next.LinkId, next.ExpiresAt) : null);
    }
}
