using AccountAccess.Core.Audit;
using AccountAccess.Core.WelcomeKits;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>The progress of welcome-kit batches in its table (a real Azurite): each step merges only its own columns.</summary>
public sealed class TableWelcomeKitProgressTests : IAsyncLifetime
{
    private static readonly DateTimeOffset RequestedAt = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly RequestContext Context = new(Actor.Operator, "192.0.2.1");

    private TableWelcomeKitProgress progress = null!;

    public async Task InitializeAsync() => progress = new TableWelcomeKitProgress(await TablesAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewRequestId() => "req_" + Guid.NewGuid().ToString("N");

    private static WelcomeKitFanOut FanOut(string requestId, params WelcomeKitTarget[] targets) =>
        new(requestId, RequestedAt, Context, "org_a", targets);

    [Fact]
    public async Task A_batch_reads_back_its_queued_sent_pending_and_skipped_people()
    {
        var requestId = NewRequestId();
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", requestId, RequestedAt, 2, [new SkippedMember("usr_dan", WelcomeKitSkipReason.AlreadyActive)]), CancellationToken.None);
        await progress.RecordFannedOutAsync(FanOut(requestId, new WelcomeKitTarget("usr_ann"), new WelcomeKitTarget("usr_bob"), new WelcomeKitTarget("usr_cid", WelcomeKitSkipReason.NoEmail)), CancellationToken.None);
        await progress.RecordSentAsync(requestId, "usr_ann", RequestedAt.AddSeconds(2), CancellationToken.None);

        var read = await progress.GetAsync("org_a", requestId, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal((RequestedAt, 2), (read.RequestedAt, read.Queued));
        Assert.Equal([new SentWelcomeKit("usr_ann", RequestedAt.AddSeconds(2))], read.Sent);
        Assert.Equal(["usr_bob"], read.Pending);
        Assert.Equal(
            [new SkippedMember("usr_cid", WelcomeKitSkipReason.NoEmail), new SkippedMember("usr_dan", WelcomeKitSkipReason.AlreadyActive)],
            read.Skipped.OrderBy(s => s.UserId));
        Assert.False(read.Done);
    }

    [Fact]
    public async Task A_fan_out_delivered_again_after_the_kit_went_out_leaves_the_person_sent()
    {
        var requestId = NewRequestId();
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", requestId, RequestedAt, 1, []), CancellationToken.None);
        await progress.RecordFannedOutAsync(FanOut(requestId, new WelcomeKitTarget("usr_ann")), CancellationToken.None);
        await progress.RecordSentAsync(requestId, "usr_ann", RequestedAt.AddSeconds(2), CancellationToken.None);

        await progress.RecordFannedOutAsync(FanOut(requestId, new WelcomeKitTarget("usr_ann")), CancellationToken.None);

        var read = await progress.GetAsync("org_a", requestId, CancellationToken.None);
        Assert.Equal([new SentWelcomeKit("usr_ann", RequestedAt.AddSeconds(2))], read!.Sent);
        Assert.True(read.Done);
    }

    [Fact]
    public async Task A_person_skipped_at_delivery_ends_the_batch_like_a_kit_sent()
    {
        var requestId = NewRequestId();
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", requestId, RequestedAt, 1, []), CancellationToken.None);
        await progress.RecordFannedOutAsync(FanOut(requestId, new WelcomeKitTarget("usr_ann")), CancellationToken.None);

        await progress.RecordSkippedAsync(requestId, "usr_ann", WelcomeKitSkipReason.Invisible, CancellationToken.None);

        var read = await progress.GetAsync("org_a", requestId, CancellationToken.None);
        Assert.Equal([new SkippedMember("usr_ann", WelcomeKitSkipReason.Invisible)], read!.Skipped);
        Assert.True(read.Done);
    }

    [Fact]
    public async Task A_batch_is_unknown_under_another_organization_and_an_unknown_id_is_unknown()
    {
        var requestId = NewRequestId();
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", requestId, RequestedAt, 0, []), CancellationToken.None);

        Assert.Null(await progress.GetAsync("org_b", requestId, CancellationToken.None));
        Assert.Null(await progress.GetAsync("org_a", NewRequestId(), CancellationToken.None));
    }

    [Fact]
    public async Task The_sweep_deletes_a_batch_requested_before_the_cutoff_with_its_people_and_keeps_a_later_one()
    {
        // Long before every other test's batches, so the sweep here touches none of theirs.
        var cutoff = new DateTimeOffset(2001, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var (old, recent) = (NewRequestId(), NewRequestId());
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", old, cutoff.AddDays(-1), 1, [new SkippedMember("usr_dan", WelcomeKitSkipReason.NoEmail)]), CancellationToken.None);
        await progress.RecordSentAsync(old, "usr_ann", cutoff.AddDays(-1), CancellationToken.None);
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", recent, cutoff.AddSeconds(1), 1, []), CancellationToken.None);
        await progress.RecordSentAsync(recent, "usr_bob", cutoff.AddSeconds(2), CancellationToken.None);

        var deleted = await progress.DeleteRequestedBeforeAsync(cutoff, 1000, CancellationToken.None);

        Assert.True(deleted >= 1, $"{deleted} batches deleted");
        Assert.Null(await progress.GetAsync("org_a", old, CancellationToken.None));
        Assert.Empty(await PersonRowsAsync(old));
        Assert.Equal(["usr_bob"], (await progress.GetAsync("org_a", recent, CancellationToken.None))!.Sent.Select(s => s.UserId));
    }

    [Fact]
    public async Task The_sweep_deletes_no_more_batches_than_it_is_allowed_oldest_first()
    {
        var cutoff = new DateTimeOffset(2000, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var (oldest, older) = (NewRequestId(), NewRequestId());
        await progress.DeleteRequestedBeforeAsync(cutoff, 1000, CancellationToken.None);
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", older, cutoff.AddDays(-1), 0, []), CancellationToken.None);
        await progress.StartAsync(new WelcomeKitBatchStart("org_a", oldest, cutoff.AddDays(-2), 0, []), CancellationToken.None);

        var deleted = await progress.DeleteRequestedBeforeAsync(cutoff, 1, CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(await progress.GetAsync("org_a", oldest, CancellationToken.None));
        Assert.NotNull(await progress.GetAsync("org_a", older, CancellationToken.None));
    }

    private static async Task<List<string>> PersonRowsAsync(string requestId)
    {
        var table = await (await TablesAsync()).GetAsync(StorageTables.WelcomeKitBatches, CancellationToken.None);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {requestId}")))
        {
            rows.Add(row.RowKey);
        }

        return rows;
    }
}
