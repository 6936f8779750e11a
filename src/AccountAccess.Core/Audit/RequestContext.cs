namespace AccountAccess.Core.Audit;

/// <summary>Who is asking and from which IP: what every audit event of a request records.</summary>
public sealed record RequestContext(Actor Actor, string? Ip)
{
    public static RequestContext System { get; } = new(Actor.System, null);
}
