using AccountAccess.Core.Audit;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// The first step of a batch's fan-out: one queue message for up to <see cref="MaxTargets"/> users of one request, which the
/// fan-out function turns into one <see cref="WelcomeKitRequest"/> message per user. It lets the batch request answer after
/// a hundredth of the queue sends (100 for 10,000 users) without holding anything only in memory: if the fan-out dies
/// mid-way its message comes back, and the users it had already queued get their kit once (the request id is on each).
/// </summary>
public sealed record WelcomeKitFanOut(
    string RequestId,
    DateTimeOffset RequestedAt,
    RequestContext Context,
    string OrganizationId,
    IReadOnlyList<WelcomeKitTarget> Targets)
{
    /// <summary>Users per message: about 4 KB of JSON, well under the 64 KB a queue message holds once Base64-encoded.</summary>
    public const int MaxTargets = 100;

    public IReadOnlyList<WelcomeKitRequest> Requests() =>
        [.. Targets.Select(t => new WelcomeKitRequest(RequestId, t.UserId, WelcomeKitTrigger.Batch, RequestedAt, Context, OrganizationId, t.SkippedFor))];
}
