using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// How long a session lasts: it ends after <see cref="Idle"/> without a refresh and <see cref="MaxAge"/> after it began,
/// whichever comes first. A person in several organizations gets the shortest of each (the strictest policy wins, as
/// for lockouts).
/// </summary>
public sealed record SessionPolicy(TimeSpan Idle, TimeSpan MaxAge)
{
    public static SessionPolicy For(IReadOnlyList<Organization> organizations, SessionSettings settings)
    {
        var policies = organizations.Count > 0 ? organizations.Select(o => o.Policy).ToList() : [OrganizationPolicy.Default];
        return new SessionPolicy(
            settings.IdleOverride ?? TimeSpan.FromMinutes(policies.Min(p => p.SessionIdleMinutes)),
            settings.MaxAgeOverride ?? TimeSpan.FromDays(policies.Min(p => p.SessionMaxDays)));
    }

    /// <summary>When <paramref name="session"/> ends if nothing refreshes it: its idle end or its maximum age, whichever is first.</summary>
    public DateTimeOffset EndOf(Session session, SessionEntry entry) =>
        Min(session.LastUsedAt + Idle, Min(entry.ExpiresAt, session.CreatedAt + MaxAge));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
