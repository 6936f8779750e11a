using AccountAccess.Core.Audit;

namespace AccountAccess.Functions.Contracts;

/// <summary>One entry of an audit trail.</summary>
public sealed record AuditEventResponse(
    string Id, DateTimeOffset At, AuditAction Action, ActorResponse Actor, string? Reason, string? Ip, IReadOnlyDictionary<string, string>? Details)
{
    public static AuditEventResponse From(AuditEvent e) =>
        new(e.Id, e.At, e.Action, new ActorResponse(e.Actor.Kind, e.Actor.UserId), e.Reason, e.Ip, e.Details);
}

public sealed record ActorResponse(ActorKind Kind, string? UserId);

public sealed record AuditTrailResponse(IReadOnlyList<AuditEventResponse> Events)
{
    public static AuditTrailResponse From(IEnumerable<AuditEvent> events) => new(events.Select(AuditEventResponse.From).ToList());
}
