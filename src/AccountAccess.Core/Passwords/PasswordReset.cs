using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Passwords.ResetLinks;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// "Forgot your password?": issues single-use reset links (only the latest works, 24 hours) by email — through
/// <see cref="LinkEmails"/>, so that the last email an account received always holds the link that works —, refuses —
/// silently for the requester, on the record for support — invisible accounts, accounts with a departure date or without
/// an email; and redeems reset and activation links.
/// </summary>
public sealed class PasswordReset(
    IUserStore users,
    IOrganizationStore organizations,
    UserUpdater updater,
    PasswordHashing hashing,
    LinkEmails linkEmails,
    IResetLinkTracker links,
    IPasswordRotationTracker rotation,
    IForgotPasswordQueue forgotRequests,
    PasswordSettings settings,
    TimeProvider time,
    HolderNotifier? holders = null)
{
    /// <summary>The throttle's window: <see cref="PasswordSettings.ForgotPasswordEmailsPerAccountPerHour"/> per this long.</summary>
    public static readonly TimeSpan ForgotPasswordWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The forgot-password queue function: handles <paramref name="request"/>, and when another sender is emailing the
    /// account a link, queues it again for a few seconds later (<see cref="LinkEmails.RetryDelay"/>) — by then that email
    /// answers it if it went out after the request was made, else the request sends its own link.
    /// </summary>
    public async Task<ForgotPasswordResult> HandleAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        var result = await ForgotAsync(request.Login, new RequestContext(Actor.Anonymous, request.Ip), request.RequestedAt, cancellationToken);
        if (result is ForgotPasswordResult.Busy busy)
        {
            await forgotRequests.EnqueueLaterAsync(request, LinkEmails.RetryDelay(busy.Until, time.GetUtcNow()), cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Handles a forgot-password request (from the queue: the requester was answered before, the same for every login).
    /// Sends the account a new reset link unless it must not get one (recorded, for support), or it got
    /// <see cref="PasswordSettings.ForgotPasswordEmailsPerAccountPerHour"/> already in the last hour (recorded once per
    /// window, with when it lifts), or a reset email sent after the request was made answers it
    /// (<see cref="ForgotPasswordOutcome.Answers"/>), or another sender is emailing it a link now (<see cref="ForgotPasswordResult.Busy"/>).
    /// </summary>
    public Task<ForgotPasswordResult> ForgotAsync(string login, RequestContext context, CancellationToken cancellationToken) =>
        ForgotAsync(login, context, time.GetUtcNow(), cancellationToken);

    /// <inheritdoc cref="ForgotAsync(string, RequestContext, CancellationToken)"/>
    /// <param name="requestedAt">When the request was made (queued), before it is handled.</param>
    public async Task<ForgotPasswordResult> ForgotAsync(string login, RequestContext context, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var normalized = LoginName.Normalize(login);
        var userId = normalized.Length == 0 ? null : await users.FindUserIdByLoginAsync(normalized, cancellationToken);
        var stored = userId is null ? null : await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return new ForgotPasswordResult.Refused(null);
        }

        ForgotPasswordResult result = new ForgotPasswordResult.Refused(null);
        IssuedLink? issued = null;
        var saved = await updater.UpdateAsync(stored, user =>
        {
            var now = time.GetUtcNow();
            issued = null;
            if (user.LastForgotPassword?.Answers(requestedAt) == true)
            {
                result = new ForgotPasswordResult.Answered();
                return UserChange.None(user);
            }

            if (RefusalFor(user) is { } refusal)
            {
                result = new ForgotPasswordResult.Refused(refusal);
                return new UserChange(
                    user with { LastForgotPassword = new ForgotPasswordOutcome(now, false, refusal) },
                    [AuditEvent.Create(AuditAction.ForgotPasswordRefused, context, now, refusal.ToSnakeCase())]);
            }

            var recent = user.RecentForgotPasswordEmails.Where(at => at > now - ForgotPasswordWindow).ToList();
            if (recent.Count >= settings.ForgotPasswordEmailsPerAccountPerHour)
            {
                result = new ForgotPasswordResult.Refused(ForgotPasswordRefusal.Throttled);
                var until = recent.Min() + ForgotPasswordWindow;
                if (user.LastForgotPassword is { Refusal: ForgotPasswordRefusal.Throttled, Until: { } lifts } && lifts > now)
                {
                    // Already on record for this window: a flood writes nothing more.
                    return UserChange.None(user);
                }

                var details = new Dictionary<string, string> { ["until"] = until.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
                return new UserChange(
                    user with { LastForgotPassword = new ForgotPasswordOutcome(now, false, ForgotPasswordRefusal.Throttled, until) },
                    [AuditEvent.Create(AuditAction.ForgotPasswordRefused, context, now, ForgotPasswordRefusal.Throttled.ToSnakeCase(), details)]);
            }

            if (LinkEmails.InFlight(user, now) is { } inFlight)
            {
                // Another link's email is on its way: a link issued now could supersede it before it arrives, or arrive before it.
                result = new ForgotPasswordResult.Busy(inFlight.Until);
                return UserChange.None(user);
            }

            issued = linkEmails.Issue(user, ResetLinkPurpose.Reset, context, now);
            var change = issued.Change;
            return change with
            {
                Updated = change.Updated with
                {
                    RecentForgotPasswordEmails = [.. recent, now],
                    LastForgotPassword = new ForgotPasswordOutcome(now, true, null),
                },
            };
        }, cancellationToken);

        if (!saved.Succeeded || issued is null)
        {
            return result;
        }

        var link = issued.Link;
        var delivered = await linkEmails.SendAsync(saved.Value, issued, context, (emailed, now) => new UserChange(
            // So that the same request, handled again, and a click made before now send nothing more (ForgotPasswordOutcome.Answers).
            emailed.LastForgotPassword is { EmailedAt: null } last && emailed.ResetLinks.LastOrDefault()?.LinkId == link.LinkId
                ? emailed with { LastForgotPassword = last with { EmailedAt = now } }
                : emailed,
            [AuditEvent.Create(AuditAction.ResetLinkSent, context, now, link.Purpose.ToSnakeCase(), PendingResetLinks.Details(link))]), cancellationToken);
        return delivered ? new ForgotPasswordResult.Sent(link.LinkId) : new ForgotPasswordResult.NotDelivered();
    }

    /// <summary>
    /// What a link's page shows before anything is typed: whether the link still works (or why not) and the password
    /// rules its holder must meet. Reads only: opening the page never uses the link.
    /// </summary>
    public async Task<Result<ResetLinkCheck>> CheckAsync(string token, CancellationToken cancellationToken)
    {
        var found = await WorkingLinkAsync(token, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Failure!;
        }

        var (_, presented, _, policy) = found.Value;
        return new ResetLinkCheck(presented.Purpose, presented.ExpiresAt, policy.MinLength, policy.History);
    }

    /// <summary>The account, link and password policy of a token whose link still works; else <c>reset_link_invalid</c> with why.</summary>
    private async Task<Result<(Versioned<User> Stored, ResetLink Presented, IReadOnlyList<Organization> MemberOf, PasswordPolicy Policy)>> WorkingLinkAsync(string token, CancellationToken cancellationToken)
    {
        if (!ResetLinkTokens.TryParse(token, out var userId, out var linkId, out var secret))
        {
            return Invalid(ResetLinkProblem.Unknown);
        }

        var stored = await users.GetAsync(userId, cancellationToken);
        var presented = stored?.Value.ResetLinks.FirstOrDefault(l => l.LinkId == linkId);
        if (stored is null || presented is null || !ResetLinkTokens.Proves(presented, secret))
        {
            return Invalid(ResetLinkProblem.Unknown);
        }

        if (ProblemWith(presented, time.GetUtcNow()) is { } problem)
        {
            return Invalid(problem);
        }

        var memberOf = await organizations.GetManyAsync(stored.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        var policy = PasswordPolicy.For(memberOf, settings);
        return (stored, presented, memberOf, policy);
    }

    /// <summary>Redeems a reset or activation link: sets the new password if the link is the latest, unused and unexpired.</summary>
    public async Task<Result<User>> ResetAsync(string token, string newPassword, RequestContext context, CancellationToken cancellationToken)
    {
        var found = await WorkingLinkAsync(token, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Failure!;
        }

        var (stored, presented, memberOf, policy) = found.Value;
        var (userId, linkId) = (stored.Value.Id, presented.LinkId);
        var violations = PasswordRules.Check(newPassword, stored.Value, policy, hashing);
        if (violations.Count > 0)
        {
            return PasswordRules.ToFailure(violations, policy.MinLength);
        }

        var hash = hashing.Hash(newPassword);
        var activation = false;
        var result = await updater.UpdateAsync(stored, user =>
        {
            var now = time.GetUtcNow();
            var link = user.ResetLinks.First(l => l.LinkId == linkId);
            if (ProblemWith(link, now) is { } lateProblem)
            {
                return Invalid(lateProblem);
            }

            activation = user.Password is null;
            var updated = user.WithNewSecurityStamp() with
            {
                Password = new StoredPassword(hash, now, Temporary: false),
                PasswordHistory = PasswordRules.HistoryAfterChange(user),
                ResetLinks = user.ResetLinks.Select(l => l.LinkId == linkId ? l with { UsedAt = now } : l).ToList(),
                FailedAttempts = FailedAttempts.None,
            };
            var action = activation ? AuditAction.AccountActivated : AuditAction.PasswordReset;
            var (unlocked, reactivation) = SecurityUnlock.Apply(user, updated, LockoutPolicy.For(memberOf), context, now);

            // Whoever may have used the old password, on whatever device, starts again from nothing trusted.
            var (reset, untrusted) = TrustedDevices.RevokeAll(unlocked, "password_reset", context, now);
            return new UserChange(reset,
                [AuditEvent.Create(action, context, now, link.Purpose.ToSnakeCase(), PendingResetLinks.Details(link)), .. reactivation is null ? [] : new[] { reactivation }, .. untrusted]);
        }, cancellationToken);

        if (result.Succeeded)
        {
            await links.UsedAsync(userId, linkId, cancellationToken);
            await rotation.TrackAsync(result.Value, cancellationToken);
            if (!activation && holders is not null)
            {
                await holders.NotifyAsync(result.Value, new PasswordChangedNotice(time.GetUtcNow(), context.Ip, PasswordChangeWay.ResetLink), cancellationToken);
            }
        }

        return result.Failure?.Code == ErrorCode.NotFound ? Invalid(ResetLinkProblem.Unknown) : result;
    }

    /// <summary>Why forgot-password must send nothing to this account, or null when it may.</summary>
    public static ForgotPasswordRefusal? RefusalFor(User user) =>
        user.Deactivation?.Reason == DeactivationReason.Merged ? ForgotPasswordRefusal.Merged
        : !user.Visible ? ForgotPasswordRefusal.Invisible
        : user.DepartureDate is not null ? ForgotPasswordRefusal.Departed
        : user.Email is null ? ForgotPasswordRefusal.NoEmail
        : null;

    private static ResetLinkProblem? ProblemWith(ResetLink link, DateTimeOffset now) =>
        link.UsedAt is not null ? ResetLinkProblem.Used
        : link.SupersededAt is not null ? ResetLinkProblem.Superseded
        : now >= link.ExpiresAt ? ResetLinkProblem.Expired
        : null;

    private static Failure Invalid(ResetLinkProblem problem) => Failure.Of(ErrorCode.ResetLinkInvalid, ("reason", problem));
}
