using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>
/// Sessions in Azure Table storage (a real Azurite), beside their user: a start writes the session, the user's list and
/// the event in one batch guarded by the user's ETag; a refresh is guarded by the session's; erasure takes them all.
/// </summary>
public sealed class TableSessionStoreTests : IAsyncLifetime
{
    private TableUserStore users = null!;
    private TableSessionStore sessions = null!;

    public async Task InitializeAsync()
    {
        var tables = await TablesAsync();
        users = new TableUserStore(tables, TimeProvider.System);
        sessions = new TableSessionStore(tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Session NewSession(string userId) => new()
    {
        Id = Ids.NewSessionId(),
        UserId = userId,
        CreatedAt = DateTimeOffset.UtcNow,
        LastUsedAt = DateTimeOffset.UtcNow,
        Ip = "192.0.2.10",
        UserAgent = "FitnessApp/4.2",
        Portal = Portal.Client,
        RefreshTokenHash = RefreshTokens.Hash(RefreshTokens.NewSecret()),
    };

    private async Task<(Versioned<User> User, Session Session)> StartAsync(Versioned<User> user, IReadOnlyList<string>? removed = null)
    {
        var session = NewSession(user.Value.Id);
        var entry = new SessionEntry(session.Id, user.Value.SecurityStamp, session.CreatedAt, session.CreatedAt.AddDays(30));
        var updated = user.Value with { Sessions = [.. user.Value.Sessions.Where(s => removed?.Contains(s.Id) != true), entry] };
        var saved = await sessions.StartAsync(user, updated, session, removed ?? [], [Event(AuditAction.SessionStarted)], CancellationToken.None);
        return (saved, session);
    }

    private async Task<Versioned<User>> CreatedAsync()
    {
        var user = NewUser();
        await users.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        return (await users.GetAsync(user.Id, CancellationToken.None))!;
    }

    [Fact]
    public async Task A_start_saves_the_session_the_users_list_and_the_event_together()
    {
        var user = await CreatedAsync();

        var (saved, session) = await StartAsync(user);

        var read = (await sessions.GetAsync(user.Value.Id, session.Id, CancellationToken.None))!.Value;
        Assert.Equal((session.RefreshTokenHash, session.Ip, session.UserAgent, session.Portal), (read.RefreshTokenHash, read.Ip, read.UserAgent, read.Portal));
        Assert.Equal(session.Id, Assert.Single((await users.GetAsync(user.Value.Id, CancellationToken.None))!.Value.Sessions).Id);
        Assert.Equal(saved.Version, (await users.GetAsync(user.Value.Id, CancellationToken.None))!.Version);
        Assert.Contains(await users.GetEventsAsync(user.Value.Id, 10, CancellationToken.None), e => e.Action == AuditAction.SessionStarted);
    }

    [Fact]
    public async Task A_start_saves_the_trusted_device_it_signs_in_on_in_the_same_batch()
    {
        var user = await CreatedAsync();
        var now = DateTimeOffset.UtcNow;
        var device = AccountAccess.Core.Devices.TrustedDevices.Trust(user.Value, claim: null, new RequestContext(Actor.Anonymous, "192.0.2.10"), now);
        var session = NewSession(user.Value.Id);
        var entry = new SessionEntry(session.Id, user.Value.SecurityStamp, now, now.AddDays(30)) { DeviceId = device.DeviceId };

        var saved = await sessions.StartAsync(user, device.User with { Sessions = [entry] }, session, [], [.. device.Events, Event(AuditAction.SessionStarted)], CancellationToken.None);

        var read = (await users.GetAsync(user.Value.Id, CancellationToken.None))!;
        Assert.Equal(saved.Version, read.Version);
        Assert.Equal(device.DeviceId, AccountAccess.Core.Devices.TrustedDevices.Recognize(read.Value, device.Token, now)?.Id);
        Assert.Equal(device.DeviceId, Assert.Single(read.Value.Sessions).DeviceId);
        Assert.Contains(await users.GetEventsAsync(user.Value.Id, 10, CancellationToken.None), e => e.Action == AuditAction.TrustedDeviceAdded);
    }

    [Fact]
    public async Task A_start_on_a_stale_user_saves_nothing()
    {
        var user = await CreatedAsync();
        await users.SaveAsync(user, user.Value with { DisplayName = "Changed meanwhile" }, [Event(AuditAction.UserUpdated)], CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => StartAsync(user));

        Assert.Empty(await sessions.ListAsync(user.Value.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_start_removes_the_sessions_it_replaces()
    {
        var (user, old) = await StartAsync(await CreatedAsync());

        var (_, fresh) = await StartAsync(user, [old.Id]);

        Assert.Equal([fresh.Id], (await sessions.ListAsync(user.Value.Id, CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task A_refresh_saves_only_over_the_version_it_read()
    {
        var (user, session) = await StartAsync(await CreatedAsync());
        var read = (await sessions.GetAsync(user.Value.Id, session.Id, CancellationToken.None))!;
        await sessions.SaveAsync(read, read.Value with { LastUsedAt = DateTimeOffset.UtcNow.AddMinutes(1) }, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => sessions.SaveAsync(read, read.Value with { Ip = "203.0.113.1" }, CancellationToken.None));
    }

    [Fact]
    public async Task The_sessions_are_listed_apart_from_the_trail_and_erased_with_the_user()
    {
        var (user, first) = await StartAsync(await CreatedAsync());
        var (again, second) = await StartAsync(user);

        var listed = await sessions.ListAsync(user.Value.Id, CancellationToken.None);
        await users.DeleteAsync(again, CancellationToken.None);

        Assert.Equal(new[] { first.Id, second.Id }.Order(), listed.Select(s => s.Id).Order());
        Assert.Empty(await sessions.ListAsync(user.Value.Id, CancellationToken.None));
        Assert.Null(await sessions.GetAsync(user.Value.Id, first.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_id_that_is_not_one_of_ours_finds_nothing()
    {
        var (user, _) = await StartAsync(await CreatedAsync());

        Assert.Null(await sessions.GetAsync(user.Value.Id, "ses_x' or 'a'='a", CancellationToken.None));
        Assert.Empty(await sessions.ListAsync("usr_x' or 'a'='a", CancellationToken.None));
    }
}
