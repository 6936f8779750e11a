using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// Opens the session of a <c>status: "ok"</c> answer (sign-in, second factor, change token) on the trusted device it
/// signs in (<see cref="TrustedDevices.Trust"/>: the device the request came from, renewed, or a new one): one atomic
/// write of the session, its entry in the user's list, the device and their audit events, guarded by the user's ETag —
/// a first sign-in on a new device costs no more round trips than one from a trusted device; then the access token of
/// it, the first refresh token and the device token.
/// </summary>
public sealed class SessionStart(IUserStore users, ISessionStore sessions, IAccessTokenIssuer tokens, SessionSettings settings, TimeProvider time)
{
    /// <summary>
    /// Signs <paramref name="user"/> in for <paramref name="grant"/>. <paramref name="alreadyRead"/>, when the caller holds
    /// the user as stored, saves a read. Refused (<c>invalid_credentials</c>) if the user's security stamp changed since the
    /// decision was made: a password change or deactivation that raced the sign-in wins.
    /// </summary>
    public async Task<Result<SignedIn>> StartAsync(
        User user, SignInGrant grant, IReadOnlyList<Organization> memberOf, SignInAttempt attempt, RequestContext context, CancellationToken cancellationToken,
        Versioned<User>? alreadyRead = null)
    {
        var policy = SessionPolicy.For(memberOf, settings);
        var secret = RefreshTokens.NewSecret();
        var holderContext = context with { Actor = Actor.ForUser(user.Id) };
        var next = alreadyRead;
        var started = await OptimisticRetry.RunAsync<(Session Session, SessionEntry Entry, string DeviceToken)?>(async ct =>
        {
            var current = next ?? await users.GetAsync(user.Id, ct);
            next = null;
            if (current is null || current.Value.SecurityStamp != user.SecurityStamp)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var session = new Session
            {
                Id = Ids.NewSessionId(),
                UserId = user.Id,
                CreatedAt = now,
                LastUsedAt = now,
                Ip = context.Ip,
                UserAgent = SessionRules.UserAgentOf(context),
                Portal = attempt.Portal,
                AppVersion = attempt.AppVersion?.ToString(),
                RefreshTokenHash = RefreshTokens.Hash(secret),
            };
            // The device's change (a new device, a renewal, a new token) is decided again on the user as read, and saved
            // in the session's own write: they share the user's row.
            var device = TrustedDevices.Trust(current.Value, attempt.Device, context, now);
            var (updated, removed, events) = SessionRules.Start(device.User, session, policy, settings.MaxSessionsPerUser, holderContext, now, device.DeviceId);
            await sessions.StartAsync(current, updated, session, removed, [.. device.Events, .. events], ct);
            return (session, updated.Sessions[^1], device.Token);
        }, time, cancellationToken);

        if (started is not { } opened)
        {
            // Erased, or its password or state changed meanwhile: as if this sign-in had never proven anything.
            return Failure.Of(ErrorCode.InvalidCredentials);
        }

        return Grant(user, grant, opened.Session, opened.Entry, policy, secret, opened.Session.CreatedAt) with { DeviceToken = opened.DeviceToken };
    }

    /// <summary>The <c>status: "ok"</c> answer of a session whose current refresh token is <paramref name="secret"/>.</summary>
    internal SignedIn.Granted Grant(User user, SignInGrant grant, Session session, SessionEntry entry, SessionPolicy policy, string secret, DateTimeOffset now)
    {
        var end = policy.EndOf(session, entry);
        var refreshToken = RefreshTokens.Format(user.Id, session.Id, secret);
        return new SignedIn.Granted(user, grant, tokens.Issue(user, grant, session.Id, now, end), new IssuedSession(session.Id, refreshToken, end));
    }
}
