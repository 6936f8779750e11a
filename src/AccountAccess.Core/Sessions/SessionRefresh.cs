using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// POST /api/auth/refresh: a refresh token for a new pair, with rotation and reuse detection (Auth0's model). The current
/// token is exchanged for a new access token and a new refresh token, saved with the session's ETag so two refreshes at
/// once cannot both rotate; the token just replaced, presented again within <see cref="SessionSettings.RefreshReuseInterval"/>
/// (the loser of that race, two tabs), gets the pair already issued; presented later, or an older one, means someone
/// else holds a copy: the whole session ends (<c>refresh_token_reused</c>) and the holder is told (<see cref="HolderNotifier"/>). Each refresh asks
/// the sign-in rules again (a deactivated account, a revoked access, a suspended organization refuse it as sign-in
/// would) and costs no password hash: four storage requests, three in sequence (the user and the session read together, the
/// organizations, the rotated session). The answer carries the session's device token (<see cref="TrustedDevices.OnRefresh"/>):
/// the one the client brought back, or the session's device re-keyed — one more write then, and at a device's daily renewal.
/// </summary>
public sealed class SessionRefresh(
    IUserStore users,
    IOrganizationStore organizations,
    ISessionStore sessions,
    UserUpdater updater,
    SessionStart start,
    IAccessTokenIssuer tokens,
    HolderNotifier holders,
    SessionSettings settings,
    PasswordSettings passwordSettings,
    TimeProvider time)
{
    /// <summary>
    /// Exchanges <paramref name="refreshToken"/> for a new pair; <paramref name="deviceToken"/> is the device token the
    /// client holds, if any (answered again when it is still one of the account's).
    /// </summary>
    public async Task<Result<SignedIn>> RefreshAsync(string refreshToken, string? deviceToken, RequestContext context, CancellationToken cancellationToken)
    {
        if (!RefreshTokens.TryParse(refreshToken, out var userId, out var sessionId, out var secret))
        {
            return Refused(RefreshTokenProblem.Unknown);
        }

        return await OptimisticRetry.RunAsync(ct => AttemptAsync(userId, sessionId, secret, deviceToken, context, ct), time, cancellationToken);
    }

    private async Task<Result<SignedIn>> AttemptAsync(
        string userId, string sessionId, string secret, string? deviceToken, RequestContext context, CancellationToken cancellationToken)
    {
        var userRead = users.GetAsync(userId, cancellationToken);
        var sessionRead = sessions.GetAsync(userId, sessionId, cancellationToken);
        var (user, session) = (await userRead, await sessionRead);
        if (user is null || session is null)
        {
            return Refused(RefreshTokenProblem.Unknown);
        }

        var check = SessionRules.Check(user.Value, session.Value, secret, settings.RefreshReuseInterval, time.GetUtcNow());
        switch (check)
        {
            case RefreshCheck.Refused refused:
                return Refused(refused.Problem);
            case RefreshCheck.Reused:
                return await EndReusedAsync(user, sessionId, context, cancellationToken);
        }

        var memberOf = await organizations.GetManyAsync(user.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        var policy = SessionPolicy.For(memberOf, settings);
        var now = time.GetUtcNow();
        var entry = check is RefreshCheck.Rotate rotate ? rotate.Entry : ((RefreshCheck.ReplayIssuedPair)check).Entry;
        if (now >= policy.EndOf(session.Value, entry))
        {
            return Refused(RefreshTokenProblem.Expired);
        }

        AppVersion.TryParse(session.Value.AppVersion, out var appVersion);
        var attempt = new SignInAttempt(session.Value.Portal, appVersion);
        var decision = SignInRules.Decide(user.Value, memberOf, attempt, now, passwordSettings);
        if (decision.FirstBlocker is { } blocker)
        {
            return blocker.ToFailure();
        }

        if (decision.PasswordChange is { } reason)
        {
            // Like a sign-in: an expired password is replaced before any more access (the session stays, for after).
            return new SignedIn.PasswordChangeRequired(user.Value, decision.Grant!, reason, tokens.IssueRestricted(user.Value, TokenPurpose.PasswordChange, attempt, now));
        }

        if (check is RefreshCheck.ReplayIssuedPair)
        {
            var successor = RefreshTokens.Unseal(session.Value.SealedSuccessor!, secret, sessionId);
            return successor is null
                ? Refused(RefreshTokenProblem.Unknown)
                : await WithDeviceTokenAsync(user, start.Grant(user.Value, decision.Grant!, session.Value, entry, policy, successor, now), deviceToken, context, cancellationToken);
        }

        var next = RefreshTokens.NewSecret();
        var rotated = await sessions.SaveAsync(session, SessionRules.Rotate(session.Value, secret, next, context, now), cancellationToken);
        return await WithDeviceTokenAsync(user, start.Grant(user.Value, decision.Grant!, rotated.Value, entry, policy, next, now), deviceToken, context, cancellationToken);
    }

    /// <summary>
    /// Adds the session's device token to a refreshed pair; saves the device first when it changed (re-keyed, renewed, or
    /// trusted for a session opened before sessions named their device, whose entry then names it). The session is
    /// already rotated: should the device's save fail (the account erased meanwhile), the pair goes without a device token.
    /// <paramref name="read"/>, the user as read for this refresh, is still the stored version (a refresh writes only its
    /// session row), so the device's save costs no read.
    /// </summary>
    private async Task<Result<SignedIn>> WithDeviceTokenAsync(
        Versioned<User> read, SignedIn.Granted granted, string? deviceToken, RequestContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = read.Value;
        var sessionId = granted.Session.Id;
        var entry = user.Sessions.FirstOrDefault(s => s.Id == sessionId);
        var device = entry is null ? null : TrustedDevices.OnRefresh(user, entry, deviceToken, context, now);
        if (device is null || device.Events.Count == 0)
        {
            return granted with { DeviceToken = device?.Token };
        }

        string? answered = null;
        var saved = await updater.UpdateAsync(read, current =>
        {
            answered = null;
            if (current.Sessions.FirstOrDefault(s => s.Id == sessionId) is not { } currentEntry
                || TrustedDevices.OnRefresh(current, currentEntry, deviceToken, context, now) is not { } decided)
            {
                return UserChange.None(current);
            }

            answered = decided.Token;
            var updated = currentEntry.DeviceId is not null ? decided.User : decided.User with
            {
                Sessions = [.. decided.User.Sessions.Select(s => s.Id == sessionId ? s with { DeviceId = decided.DeviceId } : s)],
            };
            return new UserChange(updated, decided.Events);
        }, cancellationToken);
        return granted with { DeviceToken = saved.Succeeded ? answered : null };
    }

    private async Task<Result<SignedIn>> EndReusedAsync(Versioned<User> user, string sessionId, RequestContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ended = await updater.UpdateAsync(user, current =>
        {
            var change = SessionRules.End(current, s => s.Id == sessionId, SessionEndReason.RefreshTokenReused, context, now);
            return change.Succeeded
                ? change.Value with { Events = [AuditEvent.Create(AuditAction.RefreshTokenReused, context, now, details: new Dictionary<string, string> { ["sessionId"] = sessionId }), .. change.Value.Events] }
                : change.Failure!;
        }, cancellationToken);

        // Ended here, not by a concurrent request that saw the same reuse: the holder is told once (notification_sent).
        if (ended.Succeeded)
        {
            await holders.NotifyAsync(ended.Value, new SessionEndedByReuseNotice(now, context.Ip), cancellationToken);
        }

        return Refused(RefreshTokenProblem.Reused);
    }

    private static Failure Refused(RefreshTokenProblem problem) => Failure.Of(ErrorCode.InvalidRefreshToken, ("reason", problem));
}
