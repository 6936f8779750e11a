namespace AccountAccess.Core.Audit;

/// <summary>
/// Who is asking and from which IP: what every audit event of a request records. <paramref name="UserAgent"/> is kept
/// only by a session it opens (the session list shows it), never in the audit trail.
/// </summary>
public sealed record RequestContext(Actor Actor, string? Ip, string? UserAgent = null)
{
    public static RequestContext System { get; } = new(Actor.System, null);
}
