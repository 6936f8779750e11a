using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Authorization;

/// <summary>
/// What a reader sees of an account (API.md "Several organizations"): all of it, or — for an organization's administrator
/// or supervisor reading a person who also belongs to other organizations — only their organizations' part: those
/// memberships, the events of those organizations, and the account's own events (sign-ins, locks, the holder's changes)
/// without the addresses they came from. What other organizations did to the person, and where the person was, is theirs.
/// </summary>
public sealed class AccountView
{
    private readonly IReadOnlySet<string>? organizationIds;

    private AccountView(IReadOnlySet<string>? organizationIds) => this.organizationIds = organizationIds;

    /// <summary>The whole account: operators, the holder, and readers whose rights cover every membership.</summary>
    public static AccountView Whole { get; } = new(null);

    public bool IsWhole => organizationIds is null;

    /// <summary>Only <paramref name="organizationIds"/>' part of the account.</summary>
    public static AccountView Within(IEnumerable<string> organizationIds) => new(organizationIds.ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether the reader sees what concerns <paramref name="organizationId"/>.</summary>
    public bool Shows(string organizationId) => organizationIds is null || organizationIds.Contains(organizationId);

    /// <summary>The user with only the visible memberships, and no address of its last failed sign-in.</summary>
    public User Of(User user) => IsWhole ? user : user with
    {
        Memberships = user.Memberships.Where(m => Shows(m.OrganizationId)).ToList(),
        FailedAttempts = user.FailedAttempts with { LastIp = null },
    };

    /// <summary>
    /// The events the reader sees, in order: those recorded for a visible organization; and the account's own events —
    /// tagged with no organization, done by the holder, anonymously (sign-in), by the service or by an operator — without
    /// their IP. Events another person did without naming a visible organization are another organization's business.
    /// </summary>
    public IReadOnlyList<AuditEvent> Of(IReadOnlyList<AuditEvent> events, string holderId)
    {
        if (IsWhole)
        {
            return events;
        }

        var shown = new List<AuditEvent>();
        foreach (var e in events)
        {
            if (e.Details?.GetValueOrDefault(AuditEvent.OrganizationKey) is { } organizationId)
            {
                if (Shows(organizationId))
                {
                    shown.Add(e);
                }
            }
            else if (e.Actor.Kind != ActorKind.User || e.Actor.UserId == holderId)
            {
                shown.Add(e with { Ip = null });
            }
        }

        return shown;
    }
}
