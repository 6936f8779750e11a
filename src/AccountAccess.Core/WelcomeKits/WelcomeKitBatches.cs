using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// Welcome kits for many members of an organization at once. The request is sorted from the member index alone (no account
/// is read, so 10,000 members answer in one index query) and fans out through the queue in two steps: fan-out messages of
/// a hundred users (<see cref="WelcomeKitFanOut"/>, so the request answers after a hundredth of the sends), each turned
/// into one message per user; the queue function reads each account again, applies the same rules, and sends. A
/// redelivered message, at either step, sends nothing twice (<see cref="WelcomeKitRules.Decide"/>).
/// </summary>
public sealed class WelcomeKitBatches(
    IUserStore users,
    IOrganizationStore organizations,
    IWelcomeKitQueue queue,
    IWelcomeKitProgress progress,
    WelcomeKitSender sender,
    TimeProvider time)
{
    /// <summary>
    /// POST /api/organizations/{orgId}/welcome-kits. Without <paramref name="userIds"/>: every member pending activation;
    /// with them: those users, each either queued or skipped with a reason.
    /// </summary>
    public async Task<Result<WelcomeKitBatch>> QueueAsync(
        Caller caller, string organizationId, IReadOnlyList<string>? userIds, RequestContext context, CancellationToken cancellationToken)
    {
        if (!AccessRules.Allows(caller, organizationId, OrganizationAction.SendWelcomeKits))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var organization = await organizations.GetAsync(organizationId, cancellationToken);
        if (organization is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        if (organization.Value.Status == OrganizationStatus.LeftService)
        {
            return Failure.Of(ErrorCode.InvalidState, ("reason", "already_left"));
        }

        var members = (await users.ListMembersAsync(organizationId, cancellationToken)).ToDictionary(m => m.UserId);
        var now = time.GetUtcNow();
        var requestId = Ids.NewRequestId();
        var targets = userIds is null
            ? members.Values.Where(m => m.Status == AccountStatus.PendingActivation).Select(m => (m.UserId, Member: (OrganizationMember?)m))
            : userIds.Distinct(StringComparer.Ordinal).Select(id => (UserId: id, Member: members.GetValueOrDefault(id)));

        var sends = new List<WelcomeKitTarget>();
        var skipped = new List<SkippedMember>();
        var skippedNow = new List<SkippedMember>();
        foreach (var (userId, member) in targets)
        {
            var reason = member is null ? WelcomeKitSkipReason.NotAMember : WelcomeKitRules.ReasonNotToSend(member, now);
            if (reason is null)
            {
                sends.Add(new WelcomeKitTarget(userId));
                continue;
            }

            skipped.Add(new SkippedMember(userId, reason.Value));
            if (member?.Status == AccountStatus.PendingActivation)
            {
                // A pending member who cannot get a kit is what support is asked about: put the reason on the account too.
                sends.Add(new WelcomeKitTarget(userId, reason));
            }
            else
            {
                skippedNow.Add(skipped[^1]);
            }
        }

        var fanOuts = sends.Chunk(WelcomeKitFanOut.MaxTargets)
            .Select(chunk => new WelcomeKitFanOut(requestId, now, context, organizationId, chunk))
            .ToList();
        var queued = sends.Count(t => t.SkippedFor is null);

        // The progress first: a fan-out that runs before it is recorded would find no batch to add its people to.
        await progress.StartAsync(new WelcomeKitBatchStart(organizationId, requestId, now, queued, skippedNow), cancellationToken);
        await queue.SendFanOutsAsync(fanOuts, cancellationToken);
        await RecordAsync(organizationId, context, now, requestId, queued, skipped.Count, cancellationToken);
        return new WelcomeKitBatch(requestId, queued, skipped);
    }

    /// <summary>GET /api/organizations/{orgId}/welcome-kits/{requestId}: who of a batch was sent a kit, who waits, who was skipped.</summary>
    public async Task<Result<WelcomeKitBatchProgress>> ProgressAsync(Caller caller, string organizationId, string requestId, CancellationToken cancellationToken)
    {
        if (!AccessRules.Allows(caller, organizationId, OrganizationAction.SendWelcomeKits))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var batch = await progress.GetAsync(organizationId, requestId, cancellationToken);
        if (batch is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        return batch;
    }

    /// <summary>The fan-out function: one message per user of <paramref name="fanOut"/>, after putting them on the batch's progress.</summary>
    public async Task FanOutAsync(WelcomeKitFanOut fanOut, CancellationToken cancellationToken)
    {
        await progress.RecordFannedOutAsync(fanOut, cancellationToken);
        await queue.SendAsync(fanOut.Requests(), cancellationToken);
    }

    /// <summary>The queue function: one user of a batch.</summary>
    public async Task<WelcomeKitOutcome> HandleAsync(WelcomeKitRequest request, CancellationToken cancellationToken)
    {
        if (request.SkippedFor is not null)
        {
            return await sender.RecordSkipAsync(request, cancellationToken);
        }

        var outcome = await sender.SendAsync(request, caller: null, cancellationToken);
        switch (outcome)
        {
            case WelcomeKitOutcome.Busy busy:
                // Someone else is emailing this user a link. Come back in a few seconds, when their claim has normally ended: by
                // then either their kit answers this request (sent after it was made), or this request sends one.
                await queue.SendLaterAsync(request, LinkEmails.RetryDelay(busy.Until, time.GetUtcNow()), cancellationToken);
                break;
            case WelcomeKitOutcome.Sent sent:
                await progress.RecordSentAsync(request.RequestId, request.UserId, sent.SentAt, cancellationToken);
                break;
            case WelcomeKitOutcome.Skipped skipped:
                await progress.RecordSkippedAsync(request.RequestId, request.UserId, skipped.Reason, cancellationToken);
                break;
            case WelcomeKitOutcome.AlreadyHandled:
                await RecordAnsweringKitAsync(request, cancellationToken);
                break;
        }

        return outcome;
    }

    /// <summary>
    /// The queue function's last delivery of <paramref name="request"/> could not email the kit either, so the queue gives
    /// it up (to the poison queue): the person is skipped for <see cref="WelcomeKitSkipReason.DeliveryFailed"/>, on the
    /// account's trail and in the batch's progress, so that the batch ends and support can tell why no kit came.
    /// </summary>
    public async Task GiveUpAsync(WelcomeKitRequest request, CancellationToken cancellationToken)
    {
        var gaveUp = request with { SkippedFor = WelcomeKitSkipReason.DeliveryFailed };
        if (await sender.RecordSkipAsync(gaveUp, cancellationToken) is WelcomeKitOutcome.Skipped or WelcomeKitOutcome.AlreadyHandled)
        {
            await progress.RecordSkippedAsync(request.RequestId, request.UserId, WelcomeKitSkipReason.DeliveryFailed, cancellationToken);
        }
    }

    /// <summary>
    /// A request found handled: a redelivery of one whose progress write was lost, or one a kit sent since it was made answers.
    /// Either way the account's latest kit is this person's kit of the batch.
    /// </summary>
    private async Task RecordAnsweringKitAsync(WelcomeKitRequest request, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(request.UserId, cancellationToken);
        if (user?.Value.WelcomeKit.SentAt is { } sentAt && (user.Value.WelcomeKit.LastRequestId == request.RequestId || sentAt >= request.RequestedAt))
        {
            await progress.RecordSentAsync(request.RequestId, request.UserId, sentAt, cancellationToken);
        }
    }

    private Task RecordAsync(string organizationId, RequestContext context, DateTimeOffset now, string requestId, int queued, int skipped, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async ct =>
        {
            var current = await organizations.GetAsync(organizationId, ct);
            if (current is null)
            {
                return false;
            }

            var details = new Dictionary<string, string>
            {
                ["requestId"] = requestId,
                ["queued"] = queued.ToString(CultureInfo.InvariantCulture),
                ["skipped"] = skipped.ToString(CultureInfo.InvariantCulture),
            };
            await organizations.SaveAsync(current, current.Value, [AuditEvent.Create(AuditAction.WelcomeKitsRequested, context, now, details: details)], ct);
            return true;
        }, time, cancellationToken);
}
