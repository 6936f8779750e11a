using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// Sends one user's welcome kit, whatever asked for it (one click, a batch's queue message, the schedule), in three steps:
/// <list type="number">
/// <item>claim the account and issue the activation link in one ETag-guarded save — a concurrent sender loses the race,
/// reads the claim and sends nothing;</item>
/// <item>email the kit (and start the link's 24-hour expiry workflow);</item>
/// <item>record it as sent, releasing the claim.</item>
/// </list>
/// A sender that dies after step 1 leaves a claim that expires after <see cref="WelcomeKitSettings.ClaimTimeout"/>; the
/// link it issued was never sent and the next kit supersedes it. Only a death between steps 2 and 3 can lead to a second
/// email (the queue and the schedule are at-least-once; email has no transaction to join).
/// </summary>
public sealed class WelcomeKitSender(IUserStore users, PasswordReset links, WelcomeKitSettings settings, TimeProvider time)
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
    /// already handled or being sent by someone else. <paramref name="caller"/>, when given, must be allowed to send it.
    /// </summary>
    public async Task<WelcomeKitOutcome> SendAsync(WelcomeKitRequest request, Caller? caller, CancellationToken cancellationToken)
    {
        // One claim id per attempt: a second delivery of the same message while the first still sends is kept out too.
        var claimId = Ids.NewRequestId();
        var claim = await OptimisticRetry.RunAsync(ct => ClaimAsync(request, caller, claimId, ct), time, cancellationToken);
        if (claim.Outcome is not null)
        {
            return claim.Outcome;
        }

        var (claimed, token, link) = (claim.Claimed!, claim.Token!, claim.Link!);
        bool delivered;
        try
        {
            delivered = await links.DeliverAsync(claimed.Value, token, link, request.Context, cancellationToken);
        }
        catch
        {
            // Storage failed mid-way: free the account for the retry at once rather than after the claim expires.
            await ReleaseAsync(claimed.Value.Id, claimId, CancellationToken.None);
            throw;
        }

        if (!delivered)
        {
            // Read again: recording the failed delivery changed the account since the claim.
            await ReleaseAsync(claimed.Value.Id, claimId, cancellationToken);
            return new WelcomeKitOutcome.NotDelivered();
        }

        return await MarkSentAsync(claimed, request, claimId, link, cancellationToken);
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

    private async Task<ClaimStep> ClaimAsync(WelcomeKitRequest request, Caller? caller, string claimId, CancellationToken cancellationToken)
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

        var user = current.Value;
        var (token, link) = links.NewLink(user.Id, ResetLinkPurpose.Activation, now);
        var issued = links.WithNewLink(user, link, request.Context, now);
        var claimed = issued.Updated with { WelcomeKit = user.WelcomeKit.ClaimedBy(claimId, now + settings.ClaimTimeout) };
        var saved = await users.SaveAsync(current, claimed, issued.Events, cancellationToken);
        return new ClaimStep(null, saved, token, link);
    }

    private Task<WelcomeKitOutcome> MarkSentAsync(Versioned<User> claimed, WelcomeKitRequest request, string claimId, ResetLink link, CancellationToken cancellationToken)
    {
        var next = claimed;
        return OptimisticRetry.RunAsync<WelcomeKitOutcome>(async ct =>
        {
            var current = next ?? await users.GetAsync(request.UserId, ct);
            next = null;
            var now = time.GetUtcNow();
            if (current is null)
            {
                return new WelcomeKitOutcome.Sent(link.LinkId, now, link.ExpiresAt);
            }

            var kit = current.Value.WelcomeKit.Released(claimId) with
            {
                SentAt = now,
                LinkId = link.LinkId,
                SentBy = request.Trigger,
                LastRequestId = request.RequestId,
            };
            var details = Details(request);
            details["linkId"] = link.LinkId;
            details["expiresAt"] = link.ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
            var sent = AuditEvent.Create(AuditAction.WelcomeKitSent, request.Context, now, request.Trigger.ToSnakeCase(), details);
            await users.SaveAsync(current, current.Value with { WelcomeKit = kit }, [sent], ct);
            return new WelcomeKitOutcome.Sent(link.LinkId, now, link.ExpiresAt);
        }, time, cancellationToken);
    }

    private Task ReleaseAsync(string userId, string claimId, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async ct =>
        {
            var current = await users.GetAsync(userId, ct);
            if (current is null || current.Value.WelcomeKit.ClaimId != claimId)
            {
                return false;
            }

            await users.SaveAsync(current, current.Value with { WelcomeKit = current.Value.WelcomeKit.Released(claimId) }, [], ct);
            return true;
        }, time, cancellationToken);

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
    private sealed record ClaimStep(WelcomeKitOutcome? Outcome, Versioned<User>? Claimed = null, string? Token = null, ResetLink? Link = null);
}
