using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>Two-factor challenges in Azure Table storage (a real Azurite): the sweep's deletion of those long over.</summary>
public sealed class TableChallengeStoreTests : IAsyncLifetime
{
    private TableChallengeStore store = null!;

    public async Task InitializeAsync() => store = new TableChallengeStore(await TablesAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Deleting_expired_challenges_removes_those_expired_before_the_time_and_keeps_the_others()
    {
        // Far in the past, so other tests' challenges on the shared Azurite are not before it.
        var longAgo = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var old = NewChallenge(longAgo);
        var recent = NewChallenge(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10));
        await store.CreateAsync(old, CancellationToken.None);
        await store.CreateAsync(recent, CancellationToken.None);

        var deleted = await store.DeleteExpiredAsync(longAgo + TimeSpan.FromSeconds(1), 500, CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.Null(await store.GetAsync(old.Id, CancellationToken.None));
        Assert.NotNull(await store.GetAsync(recent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_challenge_saved_after_a_wrong_code_is_still_swept_when_it_expires()
    {
        var longAgo = new DateTimeOffset(2001, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var challenge = NewChallenge(longAgo);
        await store.CreateAsync(challenge, CancellationToken.None);
        var read = (await store.GetAsync(challenge.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { WrongCodes = 1 }, CancellationToken.None);

        await store.DeleteExpiredAsync(longAgo + TimeSpan.FromSeconds(1), 500, CancellationToken.None);

        Assert.Null(await store.GetAsync(challenge.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_challenge_saved_after_a_wrong_code_is_deleted_with_its_account()
    {
        var challenge = NewChallenge(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10));
        await store.CreateAsync(challenge, CancellationToken.None);
        var read = (await store.GetAsync(challenge.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { WrongCodes = 1 }, CancellationToken.None);

        await store.DeleteForUserAsync(challenge.UserId, CancellationToken.None);

        Assert.Null(await store.GetAsync(challenge.Id, CancellationToken.None));
    }

    private static Challenge NewChallenge(DateTimeOffset expiresAt) => new()
    {
        Id = "chl_" + Guid.NewGuid().ToString("N")[..16],
        UserId = NewUser().Id,
        Portal = Portal.Employee,
        CreatedAt = expiresAt - TimeSpan.FromMinutes(10),
        ExpiresAt = expiresAt,
    };
}
