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
/// "Forgot your password?": issues single-use reset links (only the latest works, 24 hours) by email, refuses — silently
/// for the requester, on the record for support — invisible accounts, accounts with a departure date or without an
/// email; and redeems reset and activation links.
/// </summary>
public sealed class PasswordReset(
    IUserStore users,
    IOrganizationStore organizations,
    UserUpdater updater,
    PasswordHashing hashing,
    IEmailSender email,
    IResetLinkTracker links,
    IPasswordRotationTracker rotation,
    PasswordSettings settings,
    TimeProvider time,
    HolderNotifier? holders = null)
{
    /// <summary>The throttle's window: <see cref="PasswordSettings.ForgotPasswordEmailsPerAccountPerHour"/> per this long.</summary>
    public static readonly TimeSpan ForgotPasswordWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// Handles a forgot-password request (from the queue: the requester was answered before, the same for every login).
    /// Sends the account a new reset link unless it must not get one (recorded, for support), or it got
    /// <see cref="PasswordSettings.ForgotPasswordEmailsPerAccountPerHour"/> already in the last hour (recorded once per
    /// window, with when it lifts). Says nothing about the outcome. Handling the same request twice sends one email
    /// (<see cref="ForgotPasswordOutcome.Answers"/>).
    /// </summary>
    public Task ForgotAsync(string login, RequestContext context, CancellationToken cancellationToken) =>
        ForgotAsync(login, context, time.GetUtcNow(), cancellationToken);

    /// <inheritdoc cref="ForgotAsync(string, RequestContext, CancellationToken)"/>
    /// <param name="requestedAt">When the request was made (queued), before it is handled.</param>
    public async Task ForgotAsync(string login, RequestContext context, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var normalized = LoginName.Normalize(login);
        var userId = normalized.Length == 0 ? null : await users.FindUserIdByLoginAsync(normalized, cancellationToken);
        var stored = userId is null ? null : await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var (token, link) = NewLink(stored.Value.Id, ResetLinkPurpose.Reset, time.GetUtcNow());
        var issued = false;
        var result = await updater.UpdateAsync(stored, user =>
        {
            var now = time.GetUtcNow();
            issued = false;
            if (user.LastForgotPassword?.Answers(requestedAt) == true)
            {
                return UserChange.None(user);
            }

            if (RefusalFor(user) is { } refusal)
            {
                return new UserChange(
                    user with { LastForgotPassword = new ForgotPasswordOutcome(now, false, refusal) },
                    [AuditEvent.Create(AuditAction.ForgotPasswordRefused, context, now, refusal.ToSnakeCase())]);
            }

            var recent = user.RecentForgotPasswordEmails.Where(at => at > now - ForgotPasswordWindow).ToList();
            if (recent.Count >= settings.ForgotPasswordEmailsPerAccountPerHour)
            {
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

            issued = true;
            var change = WithNewLink(user, link, context, now);
            return change with { Updated = change.Updated with { RecentForgotPasswordEmails = [.. recent, now] } };
        }, cancellationToken);

        if (result.Succeeded && issued)
        {
            await DeliverAsync(result.Value, token, link, context, cancellationToken);
        }
    }

    /// <summary>A new link for <paramref name="userId"/> and its token (the only place the secret exists: it goes in the email).</summary>
    public (string Token, ResetLink Link) NewLink(string userId, ResetLinkPurpose purpose, DateTimeOffset now) =>
        ResetLinkTokens.Issue(userId, purpose, now, settings.ResetLinkLifetime);

    /// <summary>The change that issues <paramref name="link"/> to <paramref name="user"/>: every pending earlier link is superseded at once.</summary>
    public UserChange WithNewLink(User user, ResetLink link, RequestContext context, DateTimeOffset now)
    {
        var (earlier, superseded) = PendingResetLinks.Supersede(user, ResetLinkSupersededBy.NewerLink, context, now);
        var links = earlier.Append(link).TakeLast(settings.LinksKept).ToList();
        List<AuditEvent> events = [.. superseded, AuditEvent.Create(AuditAction.ResetLinkIssued, context, now, link.Purpose.ToSnakeCase(), PendingResetLinks.Details(link))];

        var lastForgot = link.Purpose == ResetLinkPurpose.Reset ? new ForgotPasswordOutcome(now, true, null) : user.LastForgotPassword;
        return new UserChange(user with { ResetLinks = links, LastForgotPassword = lastForgot }, events);
    }

    /// <summary>
    /// Has the link already saved on <paramref name="user"/> followed to its end (<see cref="IResetLinkTracker"/>) and emails it: the reset email, or the
    /// welcome kit for an activation link. Returns false, with the reason on record, when the email could not be delivered.
    /// </summary>
    public async Task<bool> DeliverAsync(User user, string token, ResetLink link, RequestContext context, CancellationToken cancellationToken)
    {
        await links.TrackAsync(user.Id, link, cancellationToken);

        var url = settings.LinkFor(link.Purpose, token);
        var message = link.Purpose == ResetLinkPurpose.Activation
            ? EmailTemplates.WelcomeKit(user, url, link.ExpiresAt)
            : EmailTemplates.ResetLink(user, url, link.ExpiresAt);
        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception undelivered) when (undelivered is not OperationCanceledException)
        {
            // The mail server's failure is not the requester's: record it for support and answer as usual.
            await updater.UpdateAsync(user.Id, stored => new UserChange(stored,
                [AuditEvent.Create(AuditAction.ResetLinkNotSent, context, time.GetUtcNow(), "delivery_failed", PendingResetLinks.Details(link))]), cancellationToken);
            return false;
        }

        if (link.Purpose == ResetLinkPurpose.Reset)
        {
            // So that the same forgot-password request, handled again, does not send a second link (ForgotPasswordOutcome.Answers).
            await updater.UpdateAsync(user.Id, stored =>
                stored.LastForgotPassword is { EmailedAt: null } last && stored.ResetLinks.LastOrDefault()?.LinkId == link.LinkId
                    ? Sent(stored, last, time.GetUtcNow())
                    : UserChange.None(stored), cancellationToken);
        }

        return true;

        UserChange Sent(User stored, ForgotPasswordOutcome last, DateTimeOffset now) => new(
            stored with { LastForgotPassword = last with { EmailedAt = now } },
            [AuditEvent.Create(AuditAction.ResetLinkSent, context, now, link.Purpose.ToSnakeCase(), PendingResetLinks.Details(link))]);
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
