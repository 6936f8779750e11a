namespace AccountAccess.Core.Audit;

/// <summary>
/// Who is asking and from which IP: what every audit event of a request records. <see cref="OrganizationId"/> is the
/// organization an administrator or supervisor acts for, when one alone gives them the right: their events carry it, so
/// that organization's readers keep seeing them once the person belongs elsewhere too, and others do not (AccountView).
/// </summary>
public sealed record RequestContext(Actor Actor, string? Ip, string? OrganizationId = null)
{
    public static RequestContext System { get; } = new(Actor.System, null);
}
