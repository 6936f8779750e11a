namespace AccountAccess.Core.WelcomeKits;

/// <summary>What became of one <see cref="WelcomeKitRequest"/>.</summary>
public abstract record WelcomeKitOutcome
{
    /// <summary>The kit was emailed, with a new activation link that superseded any earlier one.</summary>
    public sealed record Sent(string LinkId, DateTimeOffset SentAt, DateTimeOffset ExpiresAt) : WelcomeKitOutcome;

    /// <summary>The user cannot get a kit; the reason is on the account's record (except for the schedule).</summary>
    public sealed record Skipped(WelcomeKitSkipReason Reason) : WelcomeKitOutcome;

    /// <summary>This request was handled before (a redelivery), or a kit sent since it was made answers it.</summary>
    public sealed record AlreadyHandled : WelcomeKitOutcome;

    /// <summary>Another sender holds the account's claim and is sending a kit, until <paramref name="Until"/> at the latest.</summary>
    public sealed record Busy(DateTimeOffset Until) : WelcomeKitOutcome;

    /// <summary>For the schedule: the account no longer awaits a scheduled kit (its index entry was stale).</summary>
    public sealed record NotDue : WelcomeKitOutcome;

    /// <summary>The email could not be delivered (recorded as <c>reset_link_not_sent</c>); the claim is released for a retry.</summary>
    public sealed record NotDelivered : WelcomeKitOutcome;

    public sealed record NotFound : WelcomeKitOutcome;

    /// <summary>The caller may not send this user a kit.</summary>
    public sealed record Forbidden : WelcomeKitOutcome;
}
