using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Members;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>
/// The member index read as a directory (<see cref="TableMemberDirectory"/>) and kept in step by the user store through every
/// change that touches what it holds: creation, name, email, role, units, lock and unlock, departure, erasure, a merge
/// moving memberships (a real Azurite).
/// </summary>
public sealed class MemberDirectoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private TableUserStore store = null!;
    private TableMemberDirectory directory = null!;

    public async Task InitializeAsync()
    {
        var tables = await TablesAsync();
        store = new TableUserStore(tables, TimeProvider.System);
        directory = new TableMemberDirectory(tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("ÉLO")]
    [InlineData("elo")]
    [InlineData("Tremb")]
    [InlineData("lea.t")]
    [InlineData("eloise.tremb")]
    public async Task A_member_is_found_by_the_start_of_its_username_email_name_or_family_name_whatever_the_case_and_accents(string q)
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, displayName: "Éloïse Tremblay", username: "lea.t" + Suffix(), email: "eloise.tremblay" + Suffix() + "@example.com");

        var found = await FindAsync(organizationId, Query(q));

        Assert.Equal(user.Id, Assert.Single(found).UserId);
    }

    [Fact]
    public async Task A_member_found_by_several_of_its_names_is_listed_once()
    {
        var organizationId = Ids.NewOrganizationId();
        await CreateAsync(organizationId, displayName: "Jean Jeanson", username: "jean" + Suffix(), email: "jean" + Suffix() + "@example.com");

        Assert.Single(await FindAsync(organizationId, Query("jean")));
    }

    [Fact]
    public async Task A_search_finds_nobody_of_another_organization()
    {
        var organizationId = Ids.NewOrganizationId();
        await CreateAsync(Ids.NewOrganizationId(), displayName: "Zacharie Other");

        Assert.Empty(await FindAsync(organizationId, Query("zach")));
    }

    [Fact]
    public async Task A_renamed_member_is_found_by_its_new_name_and_no_longer_by_the_old_one()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, displayName: "Marie Dubois");

        await SaveAsync(user.Id, u => u with { DisplayName = "Marie Lavoie" });

        Assert.Empty(await FindAsync(organizationId, Query("dubois")));
        var found = Assert.Single(await FindAsync(organizationId, Query("lavoie")));
        Assert.Equal("Marie Lavoie", found.DisplayName);
        Assert.Equal("Marie Lavoie", Assert.Single(await FindAsync(organizationId, Query(null))).DisplayName);
    }

    [Fact]
    public async Task A_changed_email_is_found_and_the_old_one_is_not()
    {
        var organizationId = Ids.NewOrganizationId();
        var old = "first" + Suffix() + "@example.com";
        var user = await CreateAsync(organizationId, email: old);
        var renewed = "second" + Suffix() + "@example.com";

        await SaveAsync(user.Id, u => u with { Email = renewed });

        Assert.Empty(await FindAsync(organizationId, Query(old)));
        Assert.Equal(renewed, Assert.Single(await FindAsync(organizationId, Query(renewed))).Email);
    }

    [Fact]
    public async Task A_removed_email_files_the_member_under_no_email()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId);
        Assert.Empty(await FindAsync(organizationId, Query(null, MemberStatus.NoEmail)));

        await SaveAsync(user.Id, u => u with { Email = null });

        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query(null, MemberStatus.NoEmail))).UserId);
    }

    [Fact]
    public async Task A_changed_role_and_units_are_what_the_filters_see()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, unitIds: ["unit_a"]);

        await SaveAsync(user.Id, u => u with { Memberships = [u.Memberships[0] with { Role = Role.Manager, UnitIds = ["unit_b"] }] });

        Assert.Empty(await FindAsync(organizationId, Query(null) with { Role = Role.Employee }));
        Assert.Single(await FindAsync(organizationId, Query(null) with { Role = Role.Manager }));
        Assert.Empty(await FindAsync(organizationId, Query(null) with { UnitId = "unit_a" }));
        Assert.Single(await FindAsync(organizationId, Query(null) with { UnitId = "unit_b" }));
    }

    [Fact]
    public async Task A_lock_files_the_member_under_locked_and_an_unlock_under_active_again()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId);

        await SaveAsync(user.Id, u => u with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Now, null, Actor.Anonymous) });
        Assert.Single(await FindAsync(organizationId, Query(null, MemberStatus.Locked)));
        Assert.Empty(await FindAsync(organizationId, Query(null, MemberStatus.Active)));

        await SaveAsync(user.Id, u => u with { Deactivation = null });
        Assert.Empty(await FindAsync(organizationId, Query(null, MemberStatus.Locked)));
        Assert.Single(await FindAsync(organizationId, Query(null, MemberStatus.Active)));
    }

    [Fact]
    public async Task A_timed_lock_that_ran_out_is_active_before_anyone_saves_the_account_again()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId);
        await SaveAsync(user.Id, u => u with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Now.AddHours(-2), Now.AddHours(-1), Actor.Anonymous) });

        Assert.Empty(await FindAsync(organizationId, Query(null, MemberStatus.Locked)));
        Assert.Single(await FindAsync(organizationId, Query(null, MemberStatus.Active)));
    }

    [Fact]
    public async Task A_departure_date_that_passed_is_departed_and_one_to_come_is_not()
    {
        var organizationId = Ids.NewOrganizationId();
        var left = await CreateAsync(organizationId);
        var leaving = await CreateAsync(organizationId);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        await SaveAsync(left.Id, u => u with { DepartureDate = today.AddDays(-1) });
        await SaveAsync(leaving.Id, u => u with { DepartureDate = today.AddDays(30) });

        Assert.Equal(left.Id, Assert.Single(await FindAsync(organizationId, Query(null, MemberStatus.Departed))).UserId);
        Assert.Equal(leaving.Id, Assert.Single(await FindAsync(organizationId, Query(null, MemberStatus.Active))).UserId);
    }

    [Fact]
    public async Task An_erased_member_is_found_nowhere()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, displayName: "Gone Person");

        await store.DeleteAsync((await store.GetAsync(user.Id, CancellationToken.None))!, CancellationToken.None);

        Assert.Empty(await FindAsync(organizationId, Query(null)));
        Assert.Empty(await FindAsync(organizationId, Query("gone")));
        Assert.Empty(await FindAsync(organizationId, Query(null, MemberStatus.Active)));
        Assert.Empty(await FindAsync(organizationId, Query(null) with { UnitId = "unit_1" }));
        Assert.Empty(await FindAsync(organizationId, Query(null) with { Role = Role.Employee }));
        Assert.Empty(await FindAsync(organizationId, Query(null, MemberStatus.Active) with { Role = Role.Employee }));
        Assert.Empty(await store.ListMembersAsync(organizationId, CancellationToken.None));
    }

    [Fact]
    public async Task A_membership_moved_by_a_merge_leaves_the_first_organization_and_is_found_in_the_second()
    {
        var first = Ids.NewOrganizationId();
        var second = Ids.NewOrganizationId();
        var user = await CreateAsync(first, displayName: "Moving Member");

        await SaveAsync(user.Id, u => u with { Memberships = [u.Memberships[0] with { OrganizationId = second }] });

        Assert.Empty(await FindAsync(first, Query("moving")));
        Assert.Empty(await FindAsync(first, Query(null) with { Role = Role.Employee }));
        Assert.Equal(user.Id, Assert.Single(await FindAsync(second, Query("moving"))).UserId);
        Assert.Equal(user.Id, Assert.Single(await FindAsync(second, Query(null) with { Role = Role.Employee })).UserId);
    }

    [Fact]
    public async Task A_role_filter_reads_the_rows_of_that_role_only()
    {
        var organizationId = Ids.NewOrganizationId();
        var managers = new[] { await CreateAsync(organizationId, role: Role.Manager), await CreateAsync(organizationId, role: Role.Manager) };
        await CreateAsync(organizationId, role: Role.Employee);

        var first = await directory.FindAsync(organizationId, Query(null) with { Role = Role.Manager }, 1, null, CancellationToken.None);

        Assert.StartsWith("r|manager|", first.Next);
        Assert.Equal(managers.Select(m => m.Id).Order(), (await FindAsync(organizationId, Query(null) with { Role = Role.Manager })).Select(m => m.UserId).Order());
    }

    [Fact]
    public async Task A_role_and_a_status_together_read_the_rows_of_both()
    {
        var organizationId = Ids.NewOrganizationId();
        var lockedManagers = new[] { await CreateAsync(organizationId, role: Role.Manager), await CreateAsync(organizationId, role: Role.Manager) };
        await CreateAsync(organizationId, role: Role.Manager);
        var lockedEmployee = await CreateAsync(organizationId, role: Role.Employee);
        foreach (var user in lockedManagers.Append(lockedEmployee))
        {
            await SaveAsync(user.Id, u => u with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Now, null, Actor.Anonymous) });
        }

        var query = Query(null, MemberStatus.Locked) with { Role = Role.Manager };
        var first = await directory.FindAsync(organizationId, query, 1, null, CancellationToken.None);

        Assert.StartsWith("rs|manager|locked|", first.Next);
        Assert.Equal(lockedManagers.Select(m => m.Id).Order(), (await FindAsync(organizationId, query)).Select(m => m.UserId).Order());
    }

    [Fact]
    public async Task An_unlocked_manager_leaves_the_locked_managers_rows()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, role: Role.Manager);
        await SaveAsync(user.Id, u => u with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Now, null, Actor.Anonymous) });

        await SaveAsync(user.Id, u => u with { Deactivation = null });

        Assert.Empty(await FindAsync(organizationId, Query(null, MemberStatus.Locked) with { Role = Role.Manager }));
        Assert.Single(await FindAsync(organizationId, Query(null, MemberStatus.Active) with { Role = Role.Manager }));
    }

    [Fact]
    public async Task A_save_that_changes_nothing_the_index_holds_writes_nothing_to_it()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;
        var requests = StorageRequestCounter.BeginScope();

        await store.SaveAsync(read, read.Value with { FailedAttempts = new FailedAttempts(1, Now, "192.0.2.1") }, [], CancellationToken.None);

        // The save of the user alone: no read of the member's row, no write of the index.
        Assert.Equal(1, requests.Count);
    }

    [Fact]
    public async Task Pages_follow_one_another_to_the_end_and_list_every_member_once_sorted_by_name()
    {
        var organizationId = Ids.NewOrganizationId();
        var names = Enumerable.Range(0, 7).Select(i => $"Member {(char)('G' - i)}").ToList();
        foreach (var name in names)
        {
            await CreateAsync(organizationId, displayName: name);
        }

        var listed = new List<string>();
        string? after = null;
        do
        {
            var page = await directory.FindAsync(organizationId, Query(null), 3, after, CancellationToken.None);
            Assert.True(page.Members.Count <= 3);
            listed.AddRange(page.Members.Select(m => m.DisplayName));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(names.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Names_with_characters_tables_refuse_in_keys_are_found()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, displayName: "A/B #1 ?100% \\x");

        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query("a/b #1 ?100%"))).UserId);
        Assert.Empty(await FindAsync(organizationId, Query("a/b #2")));
    }

    [Fact]
    public async Task A_supervisors_scope_lists_the_members_of_its_units_and_no_administrator()
    {
        var organizationId = Ids.NewOrganizationId();
        var inUnit = await CreateAsync(organizationId, unitIds: ["unit_x"]);
        await CreateAsync(organizationId, unitIds: ["unit_y"]);
        await CreateAsync(organizationId, unitIds: ["unit_x"], role: Role.Administrator);

        var found = await FindAsync(organizationId, Query(null) with { Scope = MemberScope.Units(["unit_x"]) });

        Assert.Equal(inUnit.Id, Assert.Single(found).UserId);
    }

    [Fact]
    public async Task A_position_outside_the_search_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            directory.FindAsync(Ids.NewOrganizationId(), Query("abc"), 10, "n|zzz|usr_x", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_changes_of_one_member_leave_the_index_as_the_last_save_left_it()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, displayName: "Start Name");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => RetrySaveAsync(user.Id, u => u with { DisplayName = $"Racer{i} Name" })));

        var saved = (await store.GetAsync(user.Id, CancellationToken.None))!.Value;
        var listed = Assert.Single(await FindAsync(organizationId, Query(null)));
        Assert.Equal(saved.DisplayName, listed.DisplayName);
        Assert.Single(await FindAsync(organizationId, Query("racer")));
        Assert.Empty(await FindAsync(organizationId, Query("start")));
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private static MemberQuery Query(string? prefix, MemberStatus? status = null) =>
        new(prefix is null ? null : SearchText.Normalize(prefix), status, null, null, MemberScope.WholeOrganization, Now);

    private Task<IReadOnlyList<OrganizationMember>> FindAsync(string organizationId, MemberQuery query) => directory.FindAllAsync(organizationId, query);

    private async Task<User> CreateAsync(
        string organizationId, string? displayName = null, string? username = null, string? email = null, string[]? unitIds = null, Role role = Role.Employee)
    {
        var user = NewUser(email) with
        {
            Password = new StoredPassword("hash", Now, Temporary: false),
            Memberships = [new Membership(organizationId, role, unitIds ?? ["unit_1"], [], Now)],
        };
        user = user with { DisplayName = displayName ?? user.DisplayName, Username = username ?? user.Username };
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        return user;
    }

    private async Task SaveAsync(string userId, Func<User, User> change)
    {
        var read = (await store.GetAsync(userId, CancellationToken.None))!;
        await store.SaveAsync(read, change(read.Value), [], CancellationToken.None);
    }

    private async Task RetrySaveAsync(string userId, Func<User, User> change)
    {
        while (true)
        {
            try
            {
                await SaveAsync(userId, change);
                return;
            }
            catch (Core.Concurrency.ConcurrencyConflictException)
            {
                // Lost the race: read again, as OptimisticRetry does.
            }
        }
    }
}
