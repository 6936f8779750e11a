using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// The welcome-kit state of an account: when the latest kit went out (what support sees as "pending activation, kit sent
/// at …") and which request sent or skipped one last (so a redelivered queue message is recognised). While a kit is being
/// sent, the account's <see cref="User.LinkEmailClaim"/> is its activation link's: the one claim every link email takes, so
/// two overlapping senders — of kits, or a kit and a reset link — never both send (<see cref="WelcomeKitRules.StateOf"/>).
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
}
