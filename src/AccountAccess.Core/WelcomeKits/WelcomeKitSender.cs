using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// Sends one user's welcome kit, whatever asked for it (one click, a batch's queue message, the schedule), through
/// <see cref="LinkEmails"/>' three steps:
/// <list type="number">
/// <item>issue the activation link and claim the account for its email in one ETag-guarded save — a concurrent sender (of a
/// kit, or of a reset link) loses the race, reads the claim and sends nothing;</item>
/// <item>email the kit (and start the link's 24-hour expiry workflow);</item>
/// <item>record it as sent, releasing the claim.</item>
/// </list>
/// A sender that dies after step 1 leaves a claim that expires after <see cref="PasswordSettings.LinkEmailClaimTimeout"/>;
/// the link it issued may not have been sent, and the next kit supersedes it. Only a death between steps 2 and 3 can lead to
/// a second email (the queue and the schedule are at-least-once; email has no transaction to join) — whose link, the
/// latest, is the one that works.
/// </summary>
public sealed class WelcomeKitSender(IUserStore users, LinkEmails linkEmails, TimeProvider time)
{
    /// <summary>POST /api/users/{id}/welcome-kit: sends a kit now, or says why not.</summary>
    public async Task<Result<WelcomeKitOutcome>> SendOneAsync(Caller caller, string userId, RequestContext context, CancellationToken cancellationToken)
    {
        var request = new WelcomeKitRequest(Ids.NewRequestId(), userId, WelcomeKitTrigger.OneClick, time.GetUtcNow(), context);
        var outcome = await SendAsync(request, caller, cancellationToken);
        return outcome switch
        {
            // Only an operator learns that an account does not exist, as elsewhere in administration.
            WelcomeKitOutcome.NotFound => Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden),
            WelcomeKitOutcome.Forbidden => Failure.Of(ErrorCode.Forbidden),
            WelcomeKitOutcome.Skipped skipped => Failure.Of(ErrorCode.InvalidState, ("reason", skipped.Reason.ToSnakeCase())),
            WelcomeKitOutcome.NotDelivered => Failure.Of(ErrorCode.ServiceUnavailable, ("reason", "email_not_delivered")),
            _ => Result<WelcomeKitOutcome>.From(outcome),
        };
    }

    /// <summary>
    /// Handles <paramref name="request"/>: sends the kit, or skips it (on the record, except for the schedule), or finds it
    /// already handled or another link being emailed. <paramref name="caller"/>, when given, must be allowed to send it.
    /// </summary>
    public async Task<WelcomeKitOutcome> SendAsync(WelcomeKitRequest request, Caller? caller, CancellationToken cancellationToken)
    {
        var claim = await OptimisticRetry.RunAsync(ct => ClaimAsync(request, caller, ct), time, cancellationToken);
        if (claim.Outcome is not null)
        {
            return claim.Outcome;
        }

        var (claimed, issued) = (claim.Claimed!, claim.Issued!);
        var link = issued.Link;
        var sentAt = DateTimeOffset.MinValue;
        var delivered = await linkEmails.SendAsync(claimed.Value, issued, request.Context, (emailed, now) =>
        {
            // The answer gives the time on record (when the email went out), not when the record was saved.
            sentAt = now;
            var kit = emailed.WelcomeKit with
            {
                SentAt = now,
                LinkId = link.LinkId,
                SentBy = request.Trigger,
                LastRequestId = request.RequestId,
            };
            var details = Details(request);
            details["linkId"] = link.LinkId;
            details["expiresAt"] = link.ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
            return new UserChange(emailed with { WelcomeKit = kit },
                [AuditEvent.Create(AuditAction.WelcomeKitSent, request.Context, now, request.Trigger.ToSnakeCase(), details)]);
        }, cancellationToken);

        return delivered
            ? new WelcomeKitOutcome.Sent(link.LinkId, sentAt, link.ExpiresAt)
            : new WelcomeKitOutcome.NotDelivered();
    }

    /// <summary>Puts on the account why a batch skipped it (<see cref="WelcomeKitRequest.SkippedFor"/>), once however often the message comes.</summary>
    public Task<WelcomeKitOutcome> RecordSkipAsync(WelcomeKitRequest request, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync<WelcomeKitOutcome>(async ct =>
        {
            var current = await users.GetAsync(request.UserId, ct);
            if (current is null)
            {
                return new WelcomeKitOutcome.NotFound();
            }

            if (current.Value.WelcomeKit.LastRequestId == request.RequestId)
            {
                return new WelcomeKitOutcome.AlreadyHandled();
            }

            var reason = request.SkippedFor ?? throw new ArgumentException("The request records no skip.", nameof(request));
            await SaveSkipAsync(current, request, reason, time.GetUtcNow(), ct);
            return new WelcomeKitOutcome.Skipped(reason);
        }, time, cancellationToken);

    private async Task<ClaimStep> ClaimAsync(WelcomeKitRequest request, Caller? caller, CancellationToken cancellationToken)
    {
        var current = await users.GetAsync(request.UserId, cancellationToken);
        if (current is null)
        {
            return new ClaimStep(new WelcomeKitOutcome.NotFound());
        }

        if (caller is not null && !AccessRules.Allows(caller, current.Value, UserAction.SendWelcomeKit))
        {
            return new ClaimStep(new WelcomeKitOutcome.Forbidden());
        }

        var now = time.GetUtcNow();
        switch (WelcomeKitRules.Decide(current.Value, request, now))
        {
            case WelcomeKitDecision.NotDue:
                return new ClaimStep(new WelcomeKitOutcome.NotDue());
            case WelcomeKitDecision.AlreadyHandled:
                return new ClaimStep(new WelcomeKitOutcome.AlreadyHandled());
            case WelcomeKitDecision.Busy busy:
                return new ClaimStep(new WelcomeKitOutcome.Busy(busy.Until));
            case WelcomeKitDecision.Skip skip:
                if (request.Trigger != WelcomeKitTrigger.Schedule)
                {
                    await SaveSkipAsync(current, request, skip.Reason, now, cancellationToken);
                }

                return new ClaimStep(new WelcomeKitOutcome.Skipped(skip.Reason));
        }

        var issued = linkEmails.Issue(current.Value, ResetLinkPurpose.Activation, request.Context, now);
        var saved = await users.SaveAsync(current, issued.Change.Updated, issued.Change.Events, cancellationToken);
        return new ClaimStep(null, saved, issued);
    }

    private Task SaveSkipAsync(Versioned<User> current, WelcomeKitRequest request, WelcomeKitSkipReason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var skipped = AuditEvent.Create(AuditAction.WelcomeKitSkipped, request.Context, now, reason.ToSnakeCase(), Details(request));
        var updated = current.Value with { WelcomeKit = current.Value.WelcomeKit with { LastRequestId = request.RequestId } };
        return users.SaveAsync(current, updated, [skipped], cancellationToken);
    }

    private static Dictionary<string, string> Details(WelcomeKitRequest request)
    {
        var details = new Dictionary<string, string>
        {
            ["trigger"] = request.Trigger.ToSnakeCase(),
            ["requestId"] = request.RequestId,
        };
        if (request.OrganizationId is not null)
        {
            details["organizationId"] = request.OrganizationId;
        }

        return details;
    }

    /// <summary>The first step's result: an outcome that ends the request, or the claimed account with the link to send.</summary>
    private sealed record ClaimStep(WelcomeKitOutcome? Outcome, Versioned<User>? Claimed = null, IssuedLink? Issued = null);
}
