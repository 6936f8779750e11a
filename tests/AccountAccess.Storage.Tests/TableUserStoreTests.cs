using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Passwords;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>Users, their unique names, their audit trail and timed lockouts in Azure Table storage (a real Azurite).</summary>
public sealed class TableUserStoreTests : IAsyncLifetime
{
    private TableUserStore store = null!;

    public async Task InitializeAsync() => store = new TableUserStore(await TablesAsync(), TimeProvider.System);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_created_user_reads_back_with_a_version_and_its_logins()
    {
        var user = NewUser();

        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);

        var stored = await store.GetAsync(user.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(user.Username, stored.Value.Username);
        Assert.False(string.IsNullOrEmpty(stored.Version));
        Assert.Equal(user.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(user.Username), CancellationToken.None));
        Assert.Equal(user.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(user.Email!), CancellationToken.None));
    }

    [Fact]
    public async Task A_users_trusted_devices_read_back_as_saved_with_only_their_token_hash()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var (trusted, _, token, events) = AccountAccess.Core.Devices.TrustedDevices.Trust(user, claim: null, new RequestContext(Actor.Anonymous, "198.51.100.9"), DateTimeOffset.UtcNow);

        await store.SaveAsync((await store.GetAsync(user.Id, CancellationToken.None))!, trusted, events, CancellationToken.None);

        var stored = (await store.GetAsync(user.Id, CancellationToken.None))!.Value;
        Assert.Equal(trusted.TrustedDevices, stored.TrustedDevices);
        Assert.NotNull(AccountAccess.Core.Devices.TrustedDevices.Recognize(stored, token, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_decoy_failure_writes_its_two_rows_in_a_decoy_partition_and_again_without_conflict()
    {
        var tables = await TablesAsync();
        var login = LoginName.Normalize("nobody-" + Guid.NewGuid().ToString("N"));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.SaveDecoyFailureAsync(login, CancellationToken.None)));

        // One of 256 partitions, by the first byte of the login's SHA-256.
        var partition = "decoy-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(login)), 0, 1);
        var users = await tables.GetAsync(StorageTables.Users, CancellationToken.None);
        var rows = await users.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '{partition}'").ToListAsync();
        Assert.Equal(["event", "user"], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal).ToArray());
        Assert.Null(await store.FindUserIdByLoginAsync(login, CancellationToken.None));
    }

    [Fact]
    public async Task Saving_with_a_stale_version_throws_and_changes_nothing()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { DisplayName = "First writer" }, [Event(AuditAction.UserUpdated, reason: "first")], CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(read, read.Value with { DisplayName = "Second writer" }, [Event(AuditAction.UserUpdated, reason: "second")], CancellationToken.None));

        Assert.Equal("First writer", (await store.GetAsync(user.Id, CancellationToken.None))!.Value.DisplayName);
        var events = await store.GetEventsAsync(user.Id, 10, CancellationToken.None);
        Assert.DoesNotContain(events, e => e.Reason == "second");
    }

    [Fact]
    public async Task A_stale_save_that_adds_a_name_leaves_the_name_free()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { DisplayName = "Winner" }, [], CancellationToken.None);
        var wanted = "wanted-" + Guid.NewGuid().ToString("N")[..12] + "@example.com";

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(read, read.Value with { Email = wanted }, [], CancellationToken.None));

        Assert.Null(await store.FindUserIdByLoginAsync(LoginName.Normalize(wanted), CancellationToken.None));
        await store.CreateAsync(NewUser(email: wanted), Event(AuditAction.UserCreated), CancellationToken.None);
    }

    [Fact]
    public async Task A_save_and_its_audit_events_are_one_atomic_batch()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        var duplicate = Event(AuditAction.UserUpdated, reason: "twice");

        // The same event twice is the same row twice: the batch is refused as a whole, the user row with it.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            store.SaveAsync(read, read.Value with { DisplayName = "Never saved" }, [duplicate, duplicate], CancellationToken.None));

        Assert.Equal(user.DisplayName, (await store.GetAsync(user.Id, CancellationToken.None))!.Value.DisplayName);
        Assert.DoesNotContain(await store.GetEventsAsync(user.Id, 10, CancellationToken.None), e => e.Reason == "twice");
        var saved = await store.SaveAsync(read, read.Value with { DisplayName = "Saved" }, [Event(AuditAction.UserUpdated, reason: "once")], CancellationToken.None);
        Assert.Equal("Saved", saved.Value.DisplayName);
        Assert.Contains(await store.GetEventsAsync(user.Id, 10, CancellationToken.None), e => e.Reason == "once");
    }

    [Fact]
    public async Task A_link_being_emailed_reads_back_with_its_claim_and_once_sent_with_when()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        var at = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var link = new ResetLink("0123456789abcdef", "HASH", ResetLinkPurpose.Reset, at, at.AddHours(24));
        var claim = new LinkEmailClaim(link.LinkId, ResetLinkPurpose.Reset, at.AddMinutes(5));

        var claimed = await store.SaveAsync(read, read.Value with { ResetLinks = [link], LinkEmailClaim = claim }, [Event(AuditAction.ResetLinkIssued)], CancellationToken.None);
        Assert.Equal(claim, (await store.GetAsync(user.Id, CancellationToken.None))!.Value.LinkEmailClaim);
        await store.SaveAsync(claimed, claimed.Value with { ResetLinks = [link with { EmailedAt = at.AddSeconds(1) }], LinkEmailClaim = null }, [Event(AuditAction.ResetLinkSent)], CancellationToken.None);

        var sent = (await store.GetAsync(user.Id, CancellationToken.None))!.Value;
        Assert.Null(sent.LinkEmailClaim);
        Assert.Equal(at.AddSeconds(1), Assert.Single(sent.ResetLinks).EmailedAt);
    }

    [Fact]
    public async Task An_account_stored_with_a_welcome_kit_claim_of_the_former_kind_still_reads()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var users = await (await TablesAsync()).GetAsync(StorageTables.Users, CancellationToken.None);
        var row = (await users.GetEntityAsync<Azure.Data.Tables.TableEntity>(user.Id, "user")).Value;
        var document = System.Text.Json.Nodes.JsonNode.Parse(row.GetString("Data"))!;
        document["welcomeKit"] = new System.Text.Json.Nodes.JsonObject { ["claimId"] = "req_old", ["claimedUntil"] = "2026-12-03T09:05:00+00:00" };
        row["Data"] = document.ToJsonString();
        await users.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        var read = await store.GetAsync(user.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Null(read.Value.LinkEmailClaim);
        Assert.Null(read.Value.WelcomeKit.SentAt);
    }

    [Fact]
    public async Task A_name_held_by_another_account_in_another_case_is_taken_and_the_refused_user_is_not_stored()
    {
        var holder = NewUser();
        await store.CreateAsync(holder, Event(AuditAction.UserCreated), CancellationToken.None);
        var copy = NewUser(email: "  " + holder.Email!.ToUpperInvariant());

        var taken = await Assert.ThrowsAsync<UniqueKeyTakenException>(() => store.CreateAsync(copy, Event(AuditAction.UserCreated), CancellationToken.None));

        Assert.Equal(LoginName.Normalize(holder.Email), taken.Key);
        Assert.Null(await store.GetAsync(copy.Id, CancellationToken.None));
        Assert.Equal(holder.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(holder.Email), CancellationToken.None));

        // What the refused user had claimed before the clash is released.
        await store.CreateAsync(NewUser() with { Username = copy.Username }, Event(AuditAction.UserCreated), CancellationToken.None);
    }

    [Fact]
    public async Task A_secondary_email_is_held_but_is_not_a_login()
    {
        var secondary = "second-" + Guid.NewGuid().ToString("N")[..12] + "@example.com";
        var holder = NewUser(secondaryEmails: [secondary]);
        await store.CreateAsync(holder, Event(AuditAction.UserCreated), CancellationToken.None);

        Assert.Null(await store.FindUserIdByLoginAsync(LoginName.Normalize(secondary), CancellationToken.None));
        await Assert.ThrowsAsync<UniqueKeyTakenException>(() => store.CreateAsync(NewUser(email: secondary), Event(AuditAction.UserCreated), CancellationToken.None));
    }

    [Fact]
    public async Task Changing_the_email_releases_the_old_one_and_claims_the_new_one()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        var newEmail = "moved-" + Guid.NewGuid().ToString("N")[..12] + "@example.com";

        await store.SaveAsync(read, read.Value with { Email = newEmail }, [Event(AuditAction.UserUpdated)], CancellationToken.None);

        Assert.Null(await store.FindUserIdByLoginAsync(LoginName.Normalize(user.Email!), CancellationToken.None));
        Assert.Equal(user.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(newEmail), CancellationToken.None));
        await store.CreateAsync(NewUser(email: user.Email), Event(AuditAction.UserCreated), CancellationToken.None);
    }

    [Fact]
    public async Task Saving_with_a_name_another_account_holds_throws_and_changes_nothing()
    {
        var holder = NewUser();
        await store.CreateAsync(holder, Event(AuditAction.UserCreated), CancellationToken.None);
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;

        await Assert.ThrowsAsync<UniqueKeyTakenException>(() =>
            store.SaveAsync(read, read.Value with { Email = holder.Email, DisplayName = "Never" }, [Event(AuditAction.UserUpdated)], CancellationToken.None));

        var after = (await store.GetAsync(user.Id, CancellationToken.None))!;
        Assert.Equal(read.Version, after.Version);
        Assert.Equal(user.Email, after.Value.Email);
        Assert.Equal(user.DisplayName, after.Value.DisplayName);
        Assert.Equal(user.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(user.Email!), CancellationToken.None));
        Assert.Equal(holder.Id, await store.FindUserIdByLoginAsync(LoginName.Normalize(holder.Email!), CancellationToken.None));
    }

    [Fact]
    public async Task Events_come_newest_first_and_at_most_as_many_as_asked()
    {
        var user = NewUser();
        var start = DateTimeOffset.UtcNow;
        await store.CreateAsync(user, Event(AuditAction.UserCreated, start), CancellationToken.None);
        var current = (await store.GetAsync(user.Id, CancellationToken.None))!;
        for (var i = 1; i <= 4; i++)
        {
            current = await store.SaveAsync(current, current.Value with { DisplayName = $"Name {i}" },
                [Event(AuditAction.UserUpdated, start.AddSeconds(i), reason: $"change {i}")], CancellationToken.None);
        }

        var all = await store.GetEventsAsync(user.Id, 10, CancellationToken.None);
        var three = await store.GetEventsAsync(user.Id, 3, CancellationToken.None);

        Assert.Equal(["change 4", "change 3", "change 2", "change 1", null], all.Select(e => e.Reason));
        Assert.Equal(all.Select(e => e.At).OrderDescending(), all.Select(e => e.At));
        Assert.Equal(all.Take(3).Select(e => e.Id), three.Select(e => e.Id));
        Assert.Equal("192.0.2.1", all[0].Ip);
        Assert.Equal(ActorKind.Operator, all[0].Actor.Kind);
    }

    [Fact]
    public async Task A_timed_lock_entry_is_found_once_due_and_gone_once_removed()
    {
        var now = DateTimeOffset.UtcNow;
        var due = await LockAsync(now.AddSeconds(-1));
        var later = await LockAsync(now.AddHours(1));

        var found = await store.FindEndedTimedLocksAsync(now, 1000, CancellationToken.None);

        var entry = Assert.Single(found, e => e.UserId == due.Id);
        Assert.Equal(now.AddSeconds(-1).UtcTicks, entry.Until.UtcTicks);
        Assert.DoesNotContain(found, e => e.UserId == later.Id);
        Assert.Contains(await store.FindEndedTimedLocksAsync(now.AddHours(2), 1000, CancellationToken.None), e => e.UserId == later.Id);

        await store.RemoveTimedLockEntryAsync(entry, CancellationToken.None);

        Assert.DoesNotContain(await store.FindEndedTimedLocksAsync(now, 1000, CancellationToken.None), e => e.UserId == due.Id);
    }

    [Fact]
    public async Task A_lock_without_an_end_records_no_timed_lock_entry()
    {
        var user = await LockAsync(until: null);

        Assert.DoesNotContain(await store.FindEndedTimedLocksAsync(DateTimeOffset.MaxValue.AddDays(-1), 5000, CancellationToken.None), e => e.UserId == user.Id);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("'")]
    [InlineData("usr_' or PartitionKey ne '")]
    [InlineData("")]
    [InlineData("a\\b")]
    [InlineData("a#b?c")]
    public async Task Odd_ids_read_as_nothing_instead_of_throwing(string id)
    {
        Assert.Null(await store.GetAsync(id, CancellationToken.None));
        Assert.Empty(await store.GetEventsAsync(id, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_very_long_id_reads_as_nothing()
    {
        Assert.Null(await store.GetAsync(new string('a', 2000), CancellationToken.None));
    }

    [Fact]
    public async Task An_account_with_twenty_of_the_largest_passkeys_reads_back_whole_with_no_column_over_64_KiB()
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        // WebAuthn's longest credential id (1,023 bytes) and an RSA-4096 COSE key: far beyond real passkeys, twenty times.
        var passkeys = Enumerable.Range(1, Core.Passkeys.PasskeySettings.MaxPerAccount).Select(i => new Core.Passkeys.Passkey
        {
            Id = Ids.NewPasskeyId(),
            Name = new string('n', Core.Passkeys.PasskeyName.MaxLength),
            CredentialId = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1023),
            PublicKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(550),
            Transports = ["usb", "nfc", "ble", "hybrid", "internal"],
            UserHandle = System.Text.Encoding.UTF8.GetBytes(user.Id),
            CreatedAt = DateTimeOffset.UtcNow,
            LastUsedAt = DateTimeOffset.UtcNow,
        }).ToList();

        await store.SaveAsync(read, read.Value with { TwoFactor = read.Value.TwoFactor with { Passkeys = passkeys } }, [Event(AuditAction.PasskeyAdded)], CancellationToken.None);

        var stored = (await store.GetAsync(user.Id, CancellationToken.None))!.Value.TwoFactor.Passkeys;
        Assert.Equal(passkeys.Select(p => (p.Id, Convert.ToBase64String(p.CredentialId), Convert.ToBase64String(p.PublicKey))),
            stored.Select(p => (p.Id, Convert.ToBase64String(p.CredentialId), Convert.ToBase64String(p.PublicKey))));
        var users = await (await TablesAsync()).GetAsync(StorageTables.Users, CancellationToken.None);
        var row = (await users.GetEntityAsync<Azure.Data.Tables.TableEntity>(user.Id, "user")).Value;
        Assert.All(row.Where(column => column.Value is string), column => Assert.True(((string)column.Value).Length * 2 <= 64 * 1024, $"{column.Key} holds {((string)column.Value).Length} characters"));
    }

    private async Task<User> LockAsync(DateTimeOffset? until)
    {
        var user = NewUser();
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        var locked = read.Value with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, DateTimeOffset.UtcNow.AddMinutes(-1), until, Actor.System) };
        await store.SaveAsync(read, locked, [Event(AuditAction.Deactivated)], CancellationToken.None);
        return user;
    }
}
