using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Functions.Contracts;

/// <summary>202 of POST /api/organizations/{orgId}/welcome-kits: <c>{requestId, queued, skipped:[{userId, reason}]}</c>.</summary>
public sealed record WelcomeKitBatchResponse(string RequestId, int Queued, IReadOnlyList<SkippedUserResponse> Skipped)
{
    public static WelcomeKitBatchResponse From(WelcomeKitBatch batch) =>
        new(batch.RequestId, batch.Queued, batch.Skipped.Select(s => new SkippedUserResponse(s.UserId, s.Reason)).ToList());
}
