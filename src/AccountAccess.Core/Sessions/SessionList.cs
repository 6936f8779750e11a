using AccountAccess.Core.Authorization;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Sessions;

/// <summary>GET /api/account/sessions: the caller's open sessions, newest first, the one asking marked current.</summary>
public sealed class SessionList(ISessionStore sessions, IOrganizationStore organizations, SessionSettings settings, TimeProvider time)
{
    public async Task<IReadOnlyList<SessionView>> ListAsync(Caller.SignedInUser caller, CancellationToken cancellationToken)
    {
        var user = caller.User;
        var kept = sessions.ListAsync(user.Id, cancellationToken);
        var memberOf = await organizations.GetManyAsync(user.Memberships.Select(m => m.OrganizationId), cancellationToken);
        var policy = SessionPolicy.For(memberOf, settings);
        var now = time.GetUtcNow();
        var open = user.Sessions.Where(s => s.IsOpenAt(now, user.SecurityStamp)).ToDictionary(s => s.Id);
        return [.. (await kept)
            .Where(s => open.ContainsKey(s.Id) && now < policy.EndOf(s, open[s.Id]))
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new SessionView(s.Id, s.CreatedAt, s.LastUsedAt, policy.EndOf(s, open[s.Id]), s.Ip, s.UserAgent, s.Id == caller.SessionId))];
    }
}
