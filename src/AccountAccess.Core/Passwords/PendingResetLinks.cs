using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// Ends every reset and activation link of a user that still works, each with its <c>reset_link_superseded</c> event
/// (reason <c>superseded</c>, <c>email_changed</c>, <c>merged</c> or <c>password_changed</c>). The link's orchestration needs no word of it: when
/// its timer fires it finds the link superseded and ends.
/// </summary>
public static class PendingResetLinks
{
    public static (IReadOnlyList<ResetLink> Links, IReadOnlyList<AuditEvent> Events) Supersede(
        User user, ResetLinkSupersededBy by, RequestContext context, DateTimeOffset now)
    {
        var events = new List<AuditEvent>();
        var links = user.ResetLinks.Select(link =>
        {
            if (!link.IsPendingAt(now))
            {
                return link;
            }

            events.Add(AuditEvent.Create(AuditAction.ResetLinkSuperseded, context, now, ReasonOf(by), Details(link)));
            return link with { SupersededAt = now, SupersededBy = by };
        }).ToList();
        return (links, events);
    }

    /// <summary>What a link's audit events say of it: its id and expiry, never its secret or its hash.</summary>
    public static Dictionary<string, string> Details(ResetLink link) => new()
    {
        ["linkId"] = link.LinkId,
        ["expiresAt"] = link.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string ReasonOf(ResetLinkSupersededBy by) => by switch
    {
        ResetLinkSupersededBy.EmailChange => "email_changed",
        ResetLinkSupersededBy.Merge => "merged",
        ResetLinkSupersededBy.PasswordChange => "password_changed",
        _ => "superseded",
    };
}
