using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Sessions;

/// <summary>The decisions about sessions, pure functions of the state and the time: what starting, refreshing and ending one changes.</summary>
public static class SessionRules
{
    /// <summary>The longest user agent kept: enough to tell a browser and a device apart.</summary>
    public const int MaxUserAgentLength = 256;

    /// <summary>
    /// A session begins: its entry joins the user's list; entries past their maximum age go (their sessions with them);
    /// and when the list is full the oldest goes — an ended one first, else the oldest open one, which ends (<c>replaced</c>).
    /// </summary>
    public static (User Updated, IReadOnlyList<string> Removed, IReadOnlyList<AuditEvent> Events) Start(
        User user, Session session, SessionPolicy policy, int maxSessions, RequestContext context, DateTimeOffset now, string? deviceId = null)
    {
        var kept = user.Sessions.Where(s => now < s.ExpiresAt).ToList();
        var removed = user.Sessions.Where(s => now >= s.ExpiresAt).Select(s => s.Id).ToList();
        var events = new List<AuditEvent>();
        while (kept.Count >= Math.Max(1, maxSessions))
        {
            var oldest = kept.FirstOrDefault(s => !s.IsOpenAt(now, user.SecurityStamp)) ?? kept[0];
            if (oldest.IsOpenAt(now, user.SecurityStamp))
            {
                events.Add(Ended(oldest.Id, SessionEndReason.Replaced, context, now));
            }

            kept.Remove(oldest);
            removed.Add(oldest.Id);
        }

        kept.Add(new SessionEntry(session.Id, user.SecurityStamp, now, now + policy.MaxAge) { DeviceId = deviceId });
        events.Add(AuditEvent.Create(AuditAction.SessionStarted, context, now, details: new Dictionary<string, string>
        {
            ["sessionId"] = session.Id,
            ["portal"] = session.Portal.ToSnakeCase(),
        }));
        return (user with { Sessions = kept }, removed, events);
    }

    /// <summary>What presenting <paramref name="secret"/> as a refresh token of <paramref name="session"/> means, before any policy is read.</summary>
    public static RefreshCheck Check(User user, Session session, string secret, TimeSpan reuseInterval, DateTimeOffset now)
    {
        var presented = RefreshTokens.Matches(session.RefreshTokenHash, secret) ? PresentedToken.Current
            : RefreshTokens.Matches(session.PreviousRefreshTokenHash, secret) ? PresentedToken.Previous
            : RefreshTokens.IsRetired(session, secret) ? PresentedToken.Retired
            : PresentedToken.None;
        if (presented == PresentedToken.None || user.Sessions.FirstOrDefault(s => s.Id == session.Id) is not { } entry)
        {
            return new RefreshCheck.Refused(RefreshTokenProblem.Unknown);
        }

        if (entry.EndedAt is not null)
        {
            return new RefreshCheck.Refused(entry.EndReason == SessionEndReason.RefreshTokenReused ? RefreshTokenProblem.Reused : RefreshTokenProblem.Revoked);
        }

        if (entry.SecurityStamp != user.SecurityStamp)
        {
            return new RefreshCheck.Refused(RefreshTokenProblem.Revoked);
        }

        if (now >= entry.ExpiresAt)
        {
            return new RefreshCheck.Refused(RefreshTokenProblem.Expired);
        }

        var withinInterval = session.RotatedAt is { } rotatedAt && now - rotatedAt <= reuseInterval;
        return presented switch
        {
            PresentedToken.Current => new RefreshCheck.Rotate(entry),
            PresentedToken.Previous when withinInterval => new RefreshCheck.ReplayIssuedPair(entry),
            _ => new RefreshCheck.Reused(entry),
        };
    }

    /// <summary>The session after a refresh that replaced <paramref name="replaced"/> with <paramref name="successor"/>.</summary>
    public static Session Rotate(Session session, string replaced, string successor, RequestContext context, DateTimeOffset now)
    {
        var retired = session.PreviousRefreshTokenHash is { } older
            ? session.RetiredRefreshTokenHashes.Prepend(RefreshTokens.ShortHash(older)).Take(Session.MaxRetiredTokens).ToList()
            : session.RetiredRefreshTokenHashes;
        return session with
        {
            RefreshTokenHash = RefreshTokens.Hash(successor),
            PreviousRefreshTokenHash = session.RefreshTokenHash,
            RotatedAt = now,
            SealedSuccessor = RefreshTokens.Seal(successor, replaced, session.Id),
            RetiredRefreshTokenHashes = retired,
            LastUsedAt = now,
            Ip = context.Ip ?? session.Ip,
            UserAgent = UserAgentOf(context) ?? session.UserAgent,
        };
    }

    /// <summary>
    /// Ends the sessions <paramref name="which"/> selects among the open ones, and revokes the trusted devices they were
    /// opened on (API.md: a device token is "revoked with its session list entry"; a device another open session shares
    /// goes too: that session's refreshes then answer no device token until its next sign-in); a failure when none is open.
    /// </summary>
    public static Result<UserChange> End(User user, Func<SessionEntry, bool> which, SessionEndReason reason, RequestContext context, DateTimeOffset now)
    {
        var ending = user.Sessions.Where(s => s.IsOpenAt(now, user.SecurityStamp) && which(s)).ToList();
        if (ending.Count == 0)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        var updated = user with { Sessions = user.Sessions.Select(s => ending.Contains(s) ? s.EndedBy(reason, now) : s).ToList() };
        List<AuditEvent> events = reason == SessionEndReason.EndedByAdministrator
            ? [AuditEvent.Create(AuditAction.SessionsEnded, context, now, reason.ToSnakeCase(),
                new Dictionary<string, string> { ["count"] = ending.Count.ToString(CultureInfo.InvariantCulture) })]
            : ending.Select(s => Ended(s.Id, reason, context, now)).ToList();
        var devices = ending.Select(s => s.DeviceId).OfType<string>().ToHashSet();
        var (withoutDevices, revoked) = TrustedDevices.Revoke(updated, devices, reason.ToSnakeCase(), context, now);
        return new UserChange(withoutDevices, [.. events, .. revoked]);
    }

    public static string? UserAgentOf(RequestContext context) =>
        string.IsNullOrWhiteSpace(context.UserAgent) ? null
        : context.UserAgent.Length <= MaxUserAgentLength ? context.UserAgent
        : context.UserAgent[..MaxUserAgentLength];

    private static AuditEvent Ended(string sessionId, SessionEndReason reason, RequestContext context, DateTimeOffset now) =>
        AuditEvent.Create(AuditAction.SessionEnded, context, now, reason.ToSnakeCase(), new Dictionary<string, string> { ["sessionId"] = sessionId });

    private enum PresentedToken
    {
        None,
        Current,
        Previous,
        Retired,
    }
}
