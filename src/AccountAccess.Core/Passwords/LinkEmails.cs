using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Passwords.ResetLinks;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// Issues reset and activation links and emails them so that <b>the link in the last email an account received is the one
/// that works</b>, whatever runs side by side (queue functions, batches, the timer, a one-click), however often a queue
/// delivers a message, and wherever a process dies. Only the latest link works, so the rule holds if and only if links are
/// emailed in the order they are issued and every link that supersedes another is emailed. One small protocol on the
/// account's ETag-guarded document does both:
/// <list type="number">
/// <item><b>Issue and claim</b> (<see cref="Issue"/>, one save by the caller): the new link supersedes every pending one and
/// takes the account's <see cref="LinkEmailClaim"/>. Refused while another sender's claim holds (<see cref="InFlight"/>):
/// that caller comes back once the claim has ended.</item>
/// <item><b>Send</b> (<see cref="SendAsync"/>): the email, given nine tenths of the claim and cancelled after that, so it
/// can never still be on its way once the claim has ended and a newer link may be issued.</item>
/// <item><b>Record</b> (one save): the link's <see cref="ResetLink.EmailedAt"/> and the caller's own record, releasing the
/// claim; or, if the email failed, <c>reset_link_not_sent</c>, releasing it too.</item>
/// </list>
/// A link is therefore issued only when no email of an earlier link is on its way: each earlier one is out (recorded), or
/// failed (recorded), or its sender died and its claim ran out. Emails leave in the order of their links, and the newest
/// link is the one whose email is on its way or out. A sender that dies between issuing and recording leaves a claim that
/// ends by itself; the next request (the queue's redelivery of the same one, at least) issues a newer link and emails it.
/// </summary>
public sealed class LinkEmails(UserUpdater updater, IEmailSender email, IResetLinkTracker tracker, PasswordSettings settings, TimeProvider time)
{
    /// <summary>
    /// The longest a request that found another sender's claim waits before it is handled again. An email normally takes
    /// milliseconds, so the claim is almost always over by then; a claim whose sender died is looked at again every few
    /// seconds until it ends. Defaults to 5 seconds.
    /// </summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a request that found a claim held until <paramref name="until"/> waits before it is handled again: until
    /// the claim ends (and a second more: queue visibility is in whole seconds), at most <see cref="BusyRetryDelay"/>.
    /// </summary>
    public static TimeSpan RetryDelay(DateTimeOffset until, DateTimeOffset now) =>
        TimeSpan.FromTicks(Math.Clamp((until - now + TimeSpan.FromSeconds(1)).Ticks, TimeSpan.FromSeconds(1).Ticks, BusyRetryDelay.Ticks));

    /// <summary>The claim of the sender emailing <paramref name="user"/> a link at <paramref name="now"/>, or null when none holds.</summary>
    public static LinkEmailClaim? InFlight(User user, DateTimeOffset now) =>
        user.LinkEmailClaim is { } claim && claim.IsLiveAt(now) ? claim : null;

    /// <summary>
    /// The change that issues a new <paramref name="purpose"/> link to <paramref name="user"/> — every pending earlier link
    /// superseded at once, as API.md promises — and claims the account for its email. The caller saves it (with whatever
    /// else it records), then calls <see cref="SendAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another sender's claim holds: the caller must check <see cref="InFlight"/> first.</exception>
    public IssuedLink Issue(User user, ResetLinkPurpose purpose, RequestContext context, DateTimeOffset now)
    {
        if (InFlight(user, now) is { } held)
        {
            throw new InvalidOperationException($"Link {held.LinkId} of {user.Id} is being emailed until {held.Until:O}.");
        }

        var (token, link) = ResetLinkTokens.Issue(user.Id, purpose, now, settings.ResetLinkLifetime);
        var (earlier, superseded) = PendingResetLinks.Supersede(user, ResetLinkSupersededBy.NewerLink, context, now);
        var updated = user with
        {
            ResetLinks = earlier.Append(link).TakeLast(settings.LinksKept).ToList(),
            LinkEmailClaim = new LinkEmailClaim(link.LinkId, purpose, now + settings.LinkEmailClaimTimeout),
        };
        List<AuditEvent> events = [.. superseded, AuditEvent.Create(AuditAction.ResetLinkIssued, context, now, purpose.ToSnakeCase(), PendingResetLinks.Details(link))];
        return new IssuedLink(token, link, new UserChange(updated, events));
    }

    /// <summary>
    /// Emails the link <paramref name="issued"/> saved on <paramref name="user"/> (the reset email, or the welcome kit for an
    /// activation link), has it followed to its end (<see cref="IResetLinkTracker"/>), and records it as sent with
    /// <paramref name="recordSent"/> — given the account as stored, the link marked emailed and the claim released, and when
    /// the email went out, it adds the caller's own record and audit event. Returns false, with <c>reset_link_not_sent</c> on record and the claim
    /// released, when the email could not be delivered within its time. Any other failure (storage, the host stopping)
    /// releases the claim, records <c>reset_link_not_sent</c> (<c>interrupted</c>) as far as it can, and is thrown.
    /// </summary>
    public async Task<bool> SendAsync(User user, IssuedLink issued, RequestContext context, Func<User, DateTimeOffset, UserChange> recordSent, CancellationToken cancellationToken)
    {
        var link = issued.Link;
        using var deadline = new CancellationTokenSource(SendTimeOf(issued.Claim), time);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string? notSent = null;
        var sentAt = DateTimeOffset.MinValue;
        try
        {
            await tracker.TrackAsync(user.Id, link, sending.Token);
            try
            {
                await email.SendAsync(MessageFor(user, issued), sending.Token);
                sentAt = time.GetUtcNow();
            }
            catch (Exception undelivered) when (undelivered is not OperationCanceledException || (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
            {
                // The mail server's failure is not the requester's: on record for support, and the caller answers as it does.
                notSent = undelivered is OperationCanceledException ? "timed_out" : "delivery_failed";
            }
        }
        catch
        {
            // Free the account for the retry at once rather than when the claim ends (a process that is dying may not get here).
            try
            {
                await ReleaseAsync(user.Id, link, context, "interrupted", CancellationToken.None);
            }
            catch (Exception releaseFailure) when (releaseFailure is not OperationCanceledException)
            {
                // Storage is failing too: the claim ends by itself, and the first failure is the one to report.
            }

            throw;
        }

        if (notSent is not null)
        {
            await ReleaseAsync(user.Id, link, context, notSent, cancellationToken);
            return false;
        }

        // When the email went out, not when it is recorded (a save may take a while): a request made after the email
        // arrived must not find itself answered by it (ForgotPasswordOutcome.Answers).
        await updater.UpdateAsync(user.Id, stored =>
        {
            var emailed = stored with
            {
                ResetLinks = stored.ResetLinks.Select(l => l.LinkId == link.LinkId ? l with { EmailedAt = sentAt } : l).ToList(),
                LinkEmailClaim = Released(stored, link),
            };
            return recordSent(emailed, sentAt);
        }, cancellationToken);
        return true;
    }

    /// <summary>
    /// How long the email may take: the claim's time less a tenth, which covers instances whose clocks differ a little, so
    /// that no send is still running when another instance finds the claim over.
    /// </summary>
    private TimeSpan SendTimeOf(LinkEmailClaim claim)
    {
        var left = claim.Until - settings.LinkEmailClaimTimeout / 10 - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    private EmailMessage MessageFor(User user, IssuedLink issued)
    {
        var url = settings.LinkFor(issued.Link.Purpose, issued.Token);
        return issued.Link.Purpose == ResetLinkPurpose.Activation
            ? EmailTemplates.WelcomeKit(user, url, issued.Link.ExpiresAt)
            : EmailTemplates.ResetLink(user, url, issued.Link.ExpiresAt);
    }

    private Task ReleaseAsync(string userId, ResetLink link, RequestContext context, string reason, CancellationToken cancellationToken) =>
        updater.UpdateAsync(userId, stored => new UserChange(
            stored with { LinkEmailClaim = Released(stored, link) },
            [AuditEvent.Create(AuditAction.ResetLinkNotSent, context, time.GetUtcNow(), reason, PendingResetLinks.Details(link))]), cancellationToken);

    /// <summary>The account's claim once <paramref name="link"/>'s sender is done: gone if it was that link's, else unchanged (another sender's, taken over after it ended).</summary>
    private static LinkEmailClaim? Released(User stored, ResetLink link) =>
        stored.LinkEmailClaim?.LinkId == link.LinkId ? null : stored.LinkEmailClaim;
}
