using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// 200 of GET /api/organizations/{orgId}/welcome-kits/{requestId}: <c>{requestId, requestedAt, queued, sent:[{userId,
/// sentAt}], pending:[userId], skipped:[{userId, reason}], done}</c>. <c>done</c> once every queued kit was sent or skipped.
/// </summary>
public sealed record WelcomeKitBatchProgressResponse(
    string RequestId,
    DateTimeOffset RequestedAt,
    int Queued,
    IReadOnlyList<SentWelcomeKitResponse> Sent,
    IReadOnlyList<string> Pending,
    IReadOnlyList<SkippedUserResponse> Skipped,
    bool Done)
{
    public static WelcomeKitBatchProgressResponse From(WelcomeKitBatchProgress progress) => new(
        progress.RequestId,
        progress.RequestedAt,
        progress.Queued,
        progress.Sent.Select(s => new SentWelcomeKitResponse(s.UserId, s.SentAt)).ToList(),
        progress.Pending,
        progress.Skipped.Select(s => new SkippedUserResponse(s.UserId, s.Reason)).ToList(),
        progress.Done);
}
