using AccountAccess.Core.Audit;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// One request for one user's welcome kit: a one-click, one user of a batch (a queue message), or one user of a scheduled
/// run. Its id and time make redelivery harmless: a request already handled on the account, or answered by a kit sent
/// after it was made, sends nothing.
/// </summary>
/// <param name="Context">Who asked, and from where: what the audit events of the kit record.</param>
/// <param name="OrganizationId">The organization of a batch: the user must still be a member of it.</param>
/// <param name="SkippedFor">
/// Set when the batch already answered that this user is skipped: the message only puts the reason on the account's record.
/// </param>
public sealed record WelcomeKitRequest(
    string RequestId,
    string UserId,
    WelcomeKitTrigger Trigger,
    DateTimeOffset RequestedAt,
    RequestContext Context,
    string? OrganizationId = null,
    WelcomeKitSkipReason? SkippedFor = null);
