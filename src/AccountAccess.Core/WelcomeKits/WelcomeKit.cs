namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// The welcome-kit state of an account: when the latest kit went out (what support sees as "pending activation, kit sent
/// at …"), which request sent or skipped one last (so a redelivered queue message is recognised), and the claim a sender
/// holds while it sends one. The claim is an ETag-guarded marker that expires by itself, so two overlapping senders never
/// both send, and a sender that dies mid-batch blocks the account only until <see cref="ClaimedUntil"/>.
/// </summary>
public sealed record WelcomeKit
{
    public static WelcomeKit None { get; } = new();

    /// <summary>When the latest kit was emailed; null while none has been.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The activation link of the latest kit sent.</summary>
    public string? LinkId { get; init; }

    /// <summary>What sent the latest kit.</summary>
    public WelcomeKitTrigger? SentBy { get; init; }

    /// <summary>The request that last sent a kit, or recorded why it skipped one.</summary>
    public string? LastRequestId { get; init; }

    /// <summary>The claim of the sender sending a kit right now (one id per attempt).</summary>
    public string? ClaimId { get; init; }

    public DateTimeOffset? ClaimedUntil { get; init; }

    public bool IsClaimedAt(DateTimeOffset now) => ClaimId is not null && ClaimedUntil > now;

    public WelcomeKitState StateAt(DateTimeOffset now) =>
        IsClaimedAt(now) ? WelcomeKitState.BeingSent : SentAt is not null ? WelcomeKitState.Sent : WelcomeKitState.NotSent;

    public WelcomeKit ClaimedBy(string claimId, DateTimeOffset until) => this with { ClaimId = claimId, ClaimedUntil = until };

    /// <summary>Drops the claim <paramref name="claimId"/>; a claim another sender took over meanwhile stays.</summary>
    public WelcomeKit Released(string claimId) => ClaimId == claimId ? this with { ClaimId = null, ClaimedUntil = null } : this;
}
