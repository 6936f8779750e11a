using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>
/// Erasing a user in Azure Table storage (a real Azurite): the row and its audit trail go, its names are free for a new
/// user at once, its member-index entry and its challenges go; a stale version erases nothing.
/// </summary>
public sealed class UserErasureTests : IAsyncLifetime
{
    private TableUserStore store = null!;
    private TableChallengeStore challenges = null!;

    public async Task InitializeAsync()
    {
        var tables = await TablesAsync();
        store = new TableUserStore(tables, TimeProvider.System);
        challenges = new TableChallengeStore(tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static User MemberOf(string organizationId) =>
        NewUser(secondaryEmails: ["home-" + Guid.NewGuid().ToString("N")[..8] + "@example.com"]) with
        {
            Memberships = [new Membership(organizationId, Role.Employee, ["unit_1"], [], DateTimeOffset.UtcNow)],
        };

    [Fact]
    public async Task The_user_its_trail_and_its_member_entry_are_gone_and_its_names_are_free_at_once()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = MemberOf(organizationId);
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var stored = (await store.GetAsync(user.Id, CancellationToken.None))!;
        stored = await store.SaveAsync(stored, stored.Value with { DisplayName = "Jean" }, [Event(AuditAction.UserUpdated)], CancellationToken.None);

        await store.DeleteAsync(stored, CancellationToken.None);

        Assert.Null(await store.GetAsync(user.Id, CancellationToken.None));
        Assert.Empty(await store.GetEventsAsync(user.Id, 10, CancellationToken.None));
        Assert.Empty(await store.ListMembersAsync(organizationId, CancellationToken.None));
        Assert.Null(await store.FindUserIdByLoginAsync(LoginName.Normalize(user.Username), CancellationToken.None));
        var again = NewUser(email: user.Email) with { Username = user.Username, SecondaryEmails = user.SecondaryEmails };
        await store.CreateAsync(again, Event(AuditAction.UserCreated), CancellationToken.None);
        Assert.Equal(again.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(user.Email!), CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_version_erases_nothing()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { DisplayName = "Changed meanwhile" }, [Event(AuditAction.UserUpdated)], CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.DeleteAsync(read, CancellationToken.None));

        Assert.NotNull(await store.GetAsync(user.Id, CancellationToken.None));
        Assert.Equal(user.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(user.Username), CancellationToken.None));
    }

    [Fact]
    public async Task The_users_challenges_go_and_others_stay()
    {
        var mine = NewChallenge("usr_" + Guid.NewGuid().ToString("N")[..12]);
        var theirs = NewChallenge("usr_" + Guid.NewGuid().ToString("N")[..12]);
        await challenges.CreateAsync(mine, CancellationToken.None);
        await challenges.CreateAsync(theirs, CancellationToken.None);

        await challenges.DeleteForUserAsync(mine.UserId, CancellationToken.None);

        Assert.Null(await challenges.GetAsync(mine.Id, CancellationToken.None));
        Assert.NotNull(await challenges.GetAsync(theirs.Id, CancellationToken.None));
    }

    private static Challenge NewChallenge(string userId) => new()
    {
        Id = "chl_" + Guid.NewGuid().ToString("N")[..16],
        UserId = userId,
        Portal = Portal.Employee,
        CreatedAt = DateTimeOffset.UtcNow,
        ExpiresAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10),
    };
}
