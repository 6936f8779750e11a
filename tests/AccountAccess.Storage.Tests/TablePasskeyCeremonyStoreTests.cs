using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Passkeys;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>Passkey ceremonies in Azure Table storage (a real Azurite), beside the two-factor challenges that share their sweep.</summary>
public sealed class TablePasskeyCeremonyStoreTests : IAsyncLifetime
{
    private TablePasskeyCeremonyStore store = null!;
    private TableChallengeStore challenges = null!;

    public async Task InitializeAsync()
    {
        var tables = await TablesAsync();
        store = new TablePasskeyCeremonyStore(tables);
        challenges = new TableChallengeStore(tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_ceremony_reads_back_as_it_was_started()
    {
        var ceremony = NewCeremony(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5));

        await store.CreateAsync(ceremony, CancellationToken.None);

        var stored = await store.GetAsync(ceremony.Id, CancellationToken.None);
        Assert.Equal(ceremony, stored!.Value);
    }

    [Fact]
    public async Task Ending_a_ceremony_with_a_stale_version_throws_so_only_one_answer_ends_it()
    {
        var ceremony = NewCeremony(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5));
        await store.CreateAsync(ceremony, CancellationToken.None);
        var read = (await store.GetAsync(ceremony.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { EndedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(read, read.Value with { EndedAt = DateTimeOffset.UtcNow }, CancellationToken.None));
    }

    [Fact]
    public async Task An_ended_ceremony_is_swept_with_the_challenges_once_expired()
    {
        var longAgo = new DateTimeOffset(2001, 1, 3, 0, 0, 0, TimeSpan.Zero);
        var ceremony = NewCeremony(longAgo);
        await store.CreateAsync(ceremony, CancellationToken.None);
        var read = (await store.GetAsync(ceremony.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { EndedAt = longAgo }, CancellationToken.None);

        await challenges.DeleteExpiredAsync(longAgo + TimeSpan.FromSeconds(1), 500, CancellationToken.None);

        Assert.Null(await store.GetAsync(ceremony.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_ceremony_is_deleted_with_its_account()
    {
        var ceremony = NewCeremony(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5));
        await store.CreateAsync(ceremony, CancellationToken.None);

        await challenges.DeleteForUserAsync(ceremony.UserId!, CancellationToken.None);

        Assert.Null(await store.GetAsync(ceremony.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_id_that_is_not_one_of_ours_reads_as_no_ceremony()
    {
        Assert.Null(await store.GetAsync("pkc_' or '1'='1", CancellationToken.None));
    }

    private static PasskeyCeremony NewCeremony(DateTimeOffset expiresAt) => new()
    {
        Id = "pkc_" + Guid.NewGuid().ToString("N"),
        Purpose = PasskeyCeremonyPurpose.Registration,
        UserId = NewUser().Id,
        Options = """{"challenge":"c2FtcGxl","rp":{"id":"localhost","name":"AccountAccess"}}""",
        CreatedAt = expiresAt - TimeSpan.FromMinutes(5),
        ExpiresAt = expiresAt,
    };
}
