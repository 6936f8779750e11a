using AccountAccess.Core.Accounts;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// Who gets a welcome kit, as pure functions of the account (or its member-index entry) and the time. A kit goes to an
/// account pending activation, not deactivated, and — like forgot-password — visible and with an email; not to someone
/// whose departure date has passed, nor to a member whose organization revoked their access.
/// </summary>
public static class WelcomeKitRules
{
    /// <summary>Why <paramref name="user"/> cannot get a kit (for <paramref name="organizationId"/>'s batch when given), or null when it can.</summary>
    public static WelcomeKitSkipReason? ReasonNotToSend(User user, string? organizationId, DateTimeOffset now)
    {
        var membership = organizationId is null ? null : user.MembershipIn(organizationId);
        return organizationId is not null && membership is null ? WelcomeKitSkipReason.NotAMember
            : user.Password is not null ? WelcomeKitSkipReason.AlreadyActive
            : user.IsDeactivatedAt(now) || user.Deactivation?.Reason == DeactivationReason.Merged ? WelcomeKitSkipReason.Deactivated
            : !user.Visible ? WelcomeKitSkipReason.Invisible
            : user.HasDepartedAt(now) ? WelcomeKitSkipReason.Departed
            : user.Email is null ? WelcomeKitSkipReason.NoEmail
            : membership?.AccessRevoked ?? EveryAccessRevoked(user) ? WelcomeKitSkipReason.AccessRevoked
            : null;
    }

    /// <summary>
    /// The same rules on a member-index entry, so a batch of thousands is sorted without reading the accounts. The entry may
    /// trail the account: the queue function applies <see cref="ReasonNotToSend(User, string?, DateTimeOffset)"/> again.
    /// </summary>
    public static WelcomeKitSkipReason? ReasonNotToSend(OrganizationMember member, DateTimeOffset now) =>
        member.Status == AccountStatus.Active ? WelcomeKitSkipReason.AlreadyActive
        : member.Status == AccountStatus.Deactivated ? WelcomeKitSkipReason.Deactivated
        : !member.Visible ? WelcomeKitSkipReason.Invisible
        : member.DepartureDate is { } day && day < DateOnly.FromDateTime(now.UtcDateTime) ? WelcomeKitSkipReason.Departed
        : !member.HasEmail ? WelcomeKitSkipReason.NoEmail
        : member.AccessRevoked ? WelcomeKitSkipReason.AccessRevoked
        : null;

    /// <summary>
    /// What a sender does with <paramref name="request"/> for <paramref name="user"/> as read now. In order: the schedule
    /// only sends to accounts awaiting their first kit; a request already handled (a redelivery), or answered by a kit sent
    /// after it was made, sends nothing; an account that cannot get a kit is skipped; a live claim of another sender means
    /// that sender is emailing a link (a kit, or a reset link) and no other may be issued until it is out; otherwise send.
    /// </summary>
    public static WelcomeKitDecision Decide(User user, WelcomeKitRequest request, DateTimeOffset now)
    {
        var kit = user.WelcomeKit;
        if (request.Trigger == WelcomeKitTrigger.Schedule
            && (PendingActivation.Of(user) is null || ReasonNotToSend(user, null, now) is not null))
        {
            return new WelcomeKitDecision.NotDue();
        }

        if (kit.LastRequestId == request.RequestId || kit.SentAt > request.RequestedAt)
        {
            return new WelcomeKitDecision.AlreadyHandled();
        }

        if (ReasonNotToSend(user, request.OrganizationId, now) is { } reason)
        {
            return new WelcomeKitDecision.Skip(reason);
        }

        return LinkEmails.InFlight(user, now) is { } inFlight ? new WelcomeKitDecision.Busy(inFlight.Until) : new WelcomeKitDecision.Send();
    }

    /// <summary>Where <paramref name="user"/>'s welcome kit stands at <paramref name="now"/>, as support sees it.</summary>
    public static WelcomeKitState StateOf(User user, DateTimeOffset now) =>
        LinkEmails.InFlight(user, now) is { Purpose: ResetLinkPurpose.Activation } ? WelcomeKitState.BeingSent
        : user.WelcomeKit.SentAt is not null ? WelcomeKitState.Sent
        : WelcomeKitState.NotSent;

    /// <summary>Whether every organization of <paramref name="user"/> revoked its access (false without memberships).</summary>
    public static bool EveryAccessRevoked(User user) => user.Memberships.Count > 0 && user.Memberships.All(m => m.AccessRevoked);
}
