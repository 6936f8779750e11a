using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Batch progress in memory, merging each step's columns as the table does.</summary>
public sealed class InMemoryWelcomeKitProgress : IWelcomeKitProgress
{
    private readonly Dictionary<string, WelcomeKitBatchStart> batches = [];
    private readonly Dictionary<(string RequestId, string UserId), Row> rows = [];

    public Task StartAsync(WelcomeKitBatchStart start, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            batches[start.RequestId] = start;
            foreach (var skipped in start.SkippedNow)
            {
                Merge(start.RequestId, skipped.UserId, row => row with { Skipped = skipped.Reason });
            }
        }

        return Task.CompletedTask;
    }

    public Task RecordFannedOutAsync(WelcomeKitFanOut fanOut, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            foreach (var target in fanOut.Targets)
            {
                Merge(fanOut.RequestId, target.UserId, row => target.SkippedFor is { } reason ? row with { Skipped = reason } : row with { Queued = true });
            }
        }

        return Task.CompletedTask;
    }

    public Task RecordSentAsync(string requestId, string userId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            Merge(requestId, userId, row => row with { Queued = true, SentAt = sentAt });
        }

        return Task.CompletedTask;
    }

    public Task RecordSkippedAsync(string requestId, string userId, WelcomeKitSkipReason reason, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            Merge(requestId, userId, row => row with { Queued = true, Skipped = reason, SkippedAtDelivery = true });
        }

        return Task.CompletedTask;
    }

    public Task<WelcomeKitBatchProgress?> GetAsync(string organizationId, string requestId, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            if (!batches.TryGetValue(requestId, out var batch) || batch.OrganizationId != organizationId)
            {
                return Task.FromResult<WelcomeKitBatchProgress?>(null);
            }

            var people = rows.Where(r => r.Key.RequestId == requestId).Select(r => (r.Key.UserId, r.Value)).ToList();
            return Task.FromResult<WelcomeKitBatchProgress?>(new WelcomeKitBatchProgress(
                requestId,
                organizationId,
                batch.RequestedAt,
                batch.Queued,
                [.. people.Where(p => p.Value.SentAt is not null).Select(p => new SentWelcomeKit(p.UserId, p.Value.SentAt!.Value)).OrderBy(s => s.SentAt)],
                [.. people.Where(p => p.Value.SentAt is null && p.Value.Skipped is null).Select(p => p.UserId)],
                [.. people.Where(p => p.Value.SentAt is null && p.Value.Skipped is not null).Select(p => new SkippedMember(p.UserId, p.Value.Skipped!.Value))],
                people.Count(p => p.Value.SentAt is null && p.Value.SkippedAtDelivery)));
        }
    }

    public Task<int> DeleteRequestedBeforeAsync(DateTimeOffset before, int maxBatches, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            var old = batches.Values.Where(b => b.RequestedAt < before).OrderBy(b => b.RequestedAt).Take(maxBatches).Select(b => b.RequestId).ToList();
            foreach (var requestId in old)
            {
                batches.Remove(requestId);
                foreach (var key in rows.Keys.Where(k => k.RequestId == requestId).ToList())
                {
                    rows.Remove(key);
                }
            }

            return Task.FromResult(old.Count);
        }
    }

    private void Merge(string requestId, string userId, Func<Row, Row> change) =>
        rows[(requestId, userId)] = change(rows.GetValueOrDefault((requestId, userId)) ?? new Row());

    private sealed record Row(bool Queued = false, DateTimeOffset? SentAt = null, WelcomeKitSkipReason? Skipped = null, bool SkippedAtDelivery = false);
}
