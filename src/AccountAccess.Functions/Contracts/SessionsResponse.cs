using AccountAccess.Core.Sessions;

namespace AccountAccess.Functions.Contracts;

/// <summary>GET /api/account/sessions: the caller's open sessions, newest first.</summary>
public sealed record SessionsResponse(IReadOnlyList<SessionResponse> Sessions)
{
    public static SessionsResponse From(IReadOnlyList<SessionView> sessions) =>
        new([.. sessions.Select(s => new SessionResponse(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.Ip, s.UserAgent, s.Current))]);
}

/// <summary>One open session; <c>expiresAt</c> is when it ends unless refreshed before (its idle or maximum end).</summary>
public sealed record SessionResponse(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? Ip, string? UserAgent, bool Current);
