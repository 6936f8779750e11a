using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.WelcomeKits;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>The pending-activations index the user store keeps beside the users it saves, for the welcome-kit schedule (a real Azurite).</summary>
public sealed class PendingActivationIndexTests : IAsyncLifetime
{
    private TableUserStore store = null!;

    public async Task InitializeAsync() => store = new TableUserStore(await TablesAsync(), TimeProvider.System);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Versioned<PendingActivation>?> EntryOfAsync(string userId) =>
        (await store.ListPendingActivationsAsync(int.MaxValue, CancellationToken.None)).SingleOrDefault(e => e.Value.UserId == userId);

    private async Task<User> CreateAsync(User user)
    {
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        return user;
    }

    private static User Pending(string? email = null) =>
        NewUser(email) with { Memberships = [new Membership(Ids.NewOrganizationId(), Role.Employee, ["unit_1"], [], DateTimeOffset.UtcNow)] };

    [Fact]
    public async Task A_created_account_pending_activation_with_an_email_is_listed()
    {
        var user = await CreateAsync(Pending());

        var entry = await EntryOfAsync(user.Id);

        Assert.Equal(new PendingActivation(user.Id, null, false), entry?.Value);
    }

    [Fact]
    public async Task An_account_without_an_email_is_not_listed_until_it_gets_one()
    {
        var user = await CreateAsync(Pending() with { Email = null });
        Assert.Null(await EntryOfAsync(user.Id));

        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { Email = user.Username + "@example.com" }, [], CancellationToken.None);

        Assert.NotNull(await EntryOfAsync(user.Id));
    }

    [Fact]
    public async Task Recording_the_kit_as_sent_removes_the_entry()
    {
        var user = await CreateAsync(Pending());
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;

        await store.SaveAsync(read, read.Value with { WelcomeKit = new WelcomeKit { SentAt = DateTimeOffset.UtcNow } }, [], CancellationToken.None);

        Assert.Null(await EntryOfAsync(user.Id));
    }

    [Fact]
    public async Task A_save_that_changes_none_of_what_the_entry_holds_does_not_write_it()
    {
        var user = await CreateAsync(Pending());
        var before = (await EntryOfAsync(user.Id))!;
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;

        await store.SaveAsync(read, read.Value with { FailedAttempts = new FailedAttempts(1, DateTimeOffset.UtcNow, "192.0.2.1") }, [], CancellationToken.None);

        Assert.Equal(before.Version, (await EntryOfAsync(user.Id))!.Version);
    }

    [Fact]
    public async Task A_stale_entry_is_removed_but_one_rewritten_since_it_was_listed_stays()
    {
        var user = await CreateAsync(Pending());
        var listed = (await EntryOfAsync(user.Id))!;
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { DepartureDate = new DateOnly(2030, 1, 1) }, [], CancellationToken.None);

        await store.RemovePendingActivationAsync(listed, CancellationToken.None);
        var rewritten = (await EntryOfAsync(user.Id))!;
        Assert.Equal(new DateOnly(2030, 1, 1), rewritten.Value.DepartureDate);

        await store.RemovePendingActivationAsync(rewritten, CancellationToken.None);
        Assert.Null(await EntryOfAsync(user.Id));
        await store.RemovePendingActivationAsync(rewritten, CancellationToken.None);
    }
}
