using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Audit;

/// <summary>
/// One entry of an account's or an organization's audit trail: what changed, when, who did it, why and from
/// which IP. Never holds a password, hash, token or secret.
/// </summary>
public sealed record AuditEvent(
    string Id,
    DateTimeOffset At,
    AuditAction Action,
    Actor Actor,
    string? Reason,
    string? Ip,
    IReadOnlyDictionary<string, string>? Details = null)
{
    public static AuditEvent Create(
        AuditAction action,
        RequestContext context,
        DateTimeOffset at,
        string? reason = null,
        IReadOnlyDictionary<string, string>? details = null) =>
        new(Ids.NewEventId(), at, action, context.Actor, reason, context.Ip, ActingFor(context, details));

    /// <summary>The details, with the organization the actor acted for unless they already name one.</summary>
    private static IReadOnlyDictionary<string, string>? ActingFor(RequestContext context, IReadOnlyDictionary<string, string>? details)
    {
        if (context.OrganizationId is not { } organizationId || details?.ContainsKey(OrganizationKey) == true)
        {
            return details;
        }

        var tagged = details is null ? new Dictionary<string, string>() : new Dictionary<string, string>(details);
        tagged[OrganizationKey] = organizationId;
        return tagged;
    }

    /// <summary>The detail naming the organization an event belongs to.</summary>
    public const string OrganizationKey = "organizationId";
}
