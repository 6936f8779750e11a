using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Passwords.ResetLinks;

/// <summary>
/// What happens when a followed link's time is up: an unused link that is still the latest is recorded as expired
/// (<c>reset_link_expired</c>, once); a used or superseded one needs nothing; and a newer pending link — one whose
/// tracking was missed — is returned so it is followed in turn. Idempotent: the engine may run it twice.
/// </summary>
public sealed class ResetLinkExpiry(UserUpdater updater, TimeProvider time)
{
    public async Task<ResetLinkExpiryOutcome> RecordAsync(string userId, string linkId, CancellationToken cancellationToken)
    {
        ResetLinkExpiryOutcome outcome = new(ResetLinkExpiryOutcome.Gone, null);
        var result = await updater.UpdateAsync(userId, user =>
        {
            var now = time.GetUtcNow();
            var newer = user.ResetLinks.LastOrDefault(l => l.LinkId != linkId && l.IsPendingAt(now));
            var link = user.ResetLinks.FirstOrDefault(l => l.LinkId == linkId);
            if (link is null || link.UsedAt is not null || link.SupersededAt is not null)
            {
                outcome = new(link?.UsedAt is not null ? ResetLinkExpiryOutcome.Used : ResetLinkExpiryOutcome.Superseded, newer);
                return UserChange.None(user);
            }

            if (now < link.ExpiresAt)
            {
                // Timers may fire a moment early: wait again rather than record an expiry that has not happened.
                outcome = new(ResetLinkExpiryOutcome.NotYet, link);
                return UserChange.None(user);
            }

            outcome = new(ResetLinkExpiryOutcome.Expired, newer);
            if (link.ExpiryRecordedAt is not null)
            {
                return UserChange.None(user);
            }

            var details = new Dictionary<string, string> { ["linkId"] = link.LinkId, ["purpose"] = link.Purpose.ToSnakeCase() };
            var links = user.ResetLinks.Select(l => l.LinkId == linkId ? l with { ExpiryRecordedAt = now } : l).ToList();
            return new UserChange(user with { ResetLinks = links },
                [AuditEvent.Create(AuditAction.ResetLinkExpired, RequestContext.System, now, ResetLinkExpiryOutcome.Expired, details)]);
        }, cancellationToken);

        return result.Failure?.Code == ErrorCode.NotFound ? new(ResetLinkExpiryOutcome.Gone, null) : outcome;
    }
}

/// <summary>
/// How a followed link ended (<see cref="Outcome"/>: <c>expired_unused</c>, <c>used</c>, <c>superseded</c>, <c>not_yet</c>,
/// <c>user_gone</c>), and the link to follow next, if any.
/// </summary>
public sealed record ResetLinkExpiryOutcome(string Outcome, ResetLink? Next)
{
    public const string Expired = "expired_unused";
    public const string Used = "used";
    public const string Superseded = "superseded";
    public const string NotYet = "not_yet";
    public const string Gone = "user_gone";
}
