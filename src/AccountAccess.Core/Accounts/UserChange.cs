using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Accounts;

/// <summary>A decided change to a user: the new value and the audit events that explain it. No events: nothing to save.</summary>
public sealed record UserChange(User Updated, IReadOnlyList<AuditEvent> Events)
{
    public bool IsEmpty => Events.Count == 0;

    public static UserChange None(User user) => new(user, []);
}
