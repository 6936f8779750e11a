using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Members;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>
/// Rebuilding the member index from the accounts on record (<see cref="TableMemberIndexRepair"/>, a real Azurite): members
/// saved before the index, or before member search, or before the role rows, are found after it; a second run changes
/// nothing; a save made while it runs is never undone by it.
/// </summary>
public sealed class MemberIndexRepairTests : IAsyncLifetime
{
    private const string UserRow = "user";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private StorageTables tables = null!;
    private TableUserStore store = null!;
    private TableMemberDirectory directory = null!;
    private TableMemberIndexRepair repair = null!;

    public async Task InitializeAsync()
    {
        tables = await TablesAsync();
        store = new TableUserStore(tables, TimeProvider.System);
        directory = new TableMemberDirectory(tables);
        repair = new TableMemberIndexRepair(tables, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_member_saved_before_the_index_existed_is_found_after_a_rebuild_of_its_organization()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateWithoutIndexAsync(organizationId, "Éloïse Tremblay");

        var tally = await RebuildAsync(organizationId);

        Assert.Equal(new MemberIndexTally(1, 0, 0), tally);
        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query("trem"))).UserId);
        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query(null) with { Role = Role.Employee })).UserId);
    }

    [Fact]
    public async Task An_entry_written_before_member_search_is_written_again_from_its_account()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, "Jean Dupont");
        await MakePreSearchAsync(organizationId, user.Id);
        Assert.Empty(await FindAsync(organizationId, Query("dupont")));

        var tally = await RebuildAsync(organizationId);

        Assert.Equal(new MemberIndexTally(1, 0, 0), tally);
        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query("dupont"))).UserId);
    }

    [Fact]
    public async Task An_entry_written_before_the_role_rows_is_given_them_and_keeps_its_data()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, "Marie Roy", Role.Manager);
        await DropRoleRowsAsync(organizationId, user.Id);
        Assert.Empty(await FindAsync(organizationId, Query(null) with { Role = Role.Manager }));

        var tally = await RebuildAsync(organizationId);

        Assert.Equal(new MemberIndexTally(0, 1, 0), tally);
        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query(null) with { Role = Role.Manager })).UserId);
    }

    [Fact]
    public async Task A_second_rebuild_changes_nothing()
    {
        var organizationId = Ids.NewOrganizationId();
        await CreateWithoutIndexAsync(organizationId, "Ana Silva");
        await CreateAsync(organizationId, "Bo Lind");
        await RebuildAsync(organizationId);
        var before = await RowsAsync(organizationId);

        var tally = await RebuildAsync(organizationId);

        Assert.Equal(new MemberIndexTally(0, 0, 2), tally);
        Assert.Equal(before, await RowsAsync(organizationId));
    }

    [Fact]
    public async Task A_rename_saved_after_the_rebuild_read_the_account_is_not_undone_by_it()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateWithoutIndexAsync(organizationId, "Old Name");
        var readByTheRebuild = (await store.GetAsync(user.Id, CancellationToken.None))!;
        await SaveAsync(user.Id, u => u with { DisplayName = "New Name" });

        await repair.RepairAccountAsync(readByTheRebuild, organizationId, CancellationToken.None);

        Assert.Equal("New Name", Assert.Single(await FindAsync(organizationId, Query(null))).DisplayName);
        Assert.Single(await FindAsync(organizationId, Query("new")));
        Assert.Empty(await FindAsync(organizationId, Query("old")));
    }

    [Fact]
    public async Task A_membership_moved_after_the_rebuild_read_the_account_leaves_no_entry_behind()
    {
        var first = Ids.NewOrganizationId();
        var second = Ids.NewOrganizationId();
        var user = await CreateWithoutIndexAsync(first, "Moving Person");
        var readByTheRebuild = (await store.GetAsync(user.Id, CancellationToken.None))!;
        await SaveAsync(user.Id, u => u with { Memberships = [u.Memberships[0] with { OrganizationId = second }] });

        await repair.RepairAccountAsync(readByTheRebuild, organizationId: null, CancellationToken.None);

        Assert.Empty(await FindAsync(first, Query(null)));
        Assert.Equal(user.Id, Assert.Single(await FindAsync(second, Query(null))).UserId);
    }

    [Fact]
    public async Task A_rebuild_of_one_organization_writes_no_entry_of_another()
    {
        var mine = Ids.NewOrganizationId();
        var other = Ids.NewOrganizationId();
        var user = await CreateWithoutIndexAsync(mine, "Two Studios", alsoIn: other);

        await RebuildAsync(mine);

        Assert.Single(await FindAsync(mine, Query("two")));
        Assert.Empty(await FindAsync(other, Query("two")));
        Assert.Equal(user.Id, Assert.Single(await FindAsync(mine, Query(null))).UserId);
    }

    [Fact]
    public async Task An_entry_left_by_a_save_that_died_before_its_account_write_is_removed_by_the_sweep()
    {
        var kept = Ids.NewOrganizationId();
        var left = Ids.NewOrganizationId();
        var user = await CreateAsync(kept, "Half Saved", alsoIn: left);
        await DropMembershipFromAccountAsync(user.Id, left);

        var removed = await SweepAsync(left, Settled());

        Assert.Equal(1, removed);
        Assert.Empty(await RowsAsync(left));
        Assert.Equal(user.Id, Assert.Single(await FindAsync(kept, Query("half"))).UserId);
    }

    [Fact]
    public async Task The_entries_of_an_erased_account_are_removed_by_the_sweep()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, "Gone Person");
        var users = await tables.GetAsync(StorageTables.Users, CancellationToken.None);
        await users.DeleteEntityAsync(user.Id, UserRow, ETag.All);

        var removed = await SweepAsync(organizationId, Settled());

        Assert.Equal(1, removed);
        Assert.Empty(await RowsAsync(organizationId));
    }

    [Fact]
    public async Task An_entry_a_save_just_wrote_before_its_account_stays()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(Ids.NewOrganizationId(), "Joining Now", alsoIn: organizationId);
        await DropMembershipFromAccountAsync(user.Id, organizationId);

        var removed = await SweepAsync(organizationId, TimeProvider.System);

        Assert.Equal(0, removed);
        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query("joining"))).UserId);
    }

    [Fact]
    public async Task An_entry_a_save_rewrote_after_the_sweep_read_it_stays()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(Ids.NewOrganizationId(), "Rewritten Meanwhile", alsoIn: organizationId);
        await DropMembershipFromAccountAsync(user.Id, organizationId);
        var members = await tables.GetAsync(StorageTables.Members, CancellationToken.None);
        var readBySweep = (await members.GetEntityAsync<TableEntity>(organizationId, user.Id)).Value.ETag;
        await members.UpdateEntityAsync(new TableEntity(organizationId, user.Id), ETag.All, TableUpdateMode.Merge);

        var removed = await repair.SweepEntryAsync(organizationId, user.Id, readBySweep, CancellationToken.None);

        Assert.False(removed);
        Assert.Equal(user.Id, Assert.Single(await FindAsync(organizationId, Query("rewritten"))).UserId);
    }

    [Fact]
    public async Task The_sweep_leaves_the_entry_of_a_member_alone()
    {
        var organizationId = Ids.NewOrganizationId();
        await CreateAsync(organizationId, "Still Here");
        var before = await RowsAsync(organizationId);

        var removed = await SweepAsync(organizationId, Settled());

        Assert.Equal(0, removed);
        Assert.Equal(before, await RowsAsync(organizationId));
    }

    [Fact]
    public async Task A_second_sweep_removes_nothing()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = await CreateAsync(organizationId, "Twice Swept");
        await CreateAsync(organizationId, "Stays Put");
        var users = await tables.GetAsync(StorageTables.Users, CancellationToken.None);
        await users.DeleteEntityAsync(user.Id, UserRow, ETag.All);
        await SweepAsync(organizationId, Settled());
        var before = await RowsAsync(organizationId);

        var removed = await SweepAsync(organizationId, Settled());

        Assert.Equal(0, removed);
        Assert.Equal(before, await RowsAsync(organizationId));
    }

    /// <summary>A clock far enough ahead that every entry written so far has stood its settle time.</summary>
    private static FakeTimeProvider Settled() => new(DateTimeOffset.UtcNow + TableMemberIndexRepair.SettleTime + TimeSpan.FromMinutes(1));

    /// <summary>Pages through the index of <paramref name="organizationId"/> for orphans, as the orchestration does: how many it removed.</summary>
    private async Task<int> SweepAsync(string organizationId, TimeProvider clock)
    {
        var sweeper = new TableMemberIndexRepair(tables, clock);
        var removed = 0;
        string? token = null;
        do
        {
            var page = await sweeper.SweepPageAsync(organizationId, token, 2, CancellationToken.None);
            Assert.All(page.Organizations.Keys, o => Assert.Equal(organizationId, o));
            removed += page.Organizations.GetValueOrDefault(organizationId, MemberIndexTally.None).Removed;
            token = page.ContinuationToken;
        }
        while (token is not null);

        return removed;
    }

    /// <summary>
    /// The account as a save that died between its index write and its account write leaves it: its entry in
    /// <paramref name="organizationId"/> is there, its membership is not (the account row is edited behind the store).
    /// </summary>
    private async Task DropMembershipFromAccountAsync(string userId, string organizationId)
    {
        var users = await tables.GetAsync(StorageTables.Users, CancellationToken.None);
        var row = (await users.GetEntityAsync<TableEntity>(userId, UserRow)).Value;
        var document = JsonNode.Parse(row.GetString("Data"))!.AsObject();
        var memberships = document["memberships"]!.AsArray();
        memberships.Remove(memberships.Single(m => m!["organizationId"]!.GetValue<string>() == organizationId));
        row["Data"] = document.ToJsonString();
        await users.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }

    /// <summary>Pages through every account, as the orchestration does, and sums what it did in <paramref name="organizationId"/>.</summary>
    private async Task<MemberIndexTally> RebuildAsync(string organizationId)
    {
        var tally = MemberIndexTally.None;
        string? token = null;
        do
        {
            var page = await repair.RepairPageAsync(organizationId, token, 500, CancellationToken.None);
            Assert.All(page.Organizations.Keys, o => Assert.Equal(organizationId, o));
            tally = tally.Plus(page.Organizations.GetValueOrDefault(organizationId, MemberIndexTally.None));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return tally;
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private static MemberQuery Query(string? prefix) =>
        new(prefix is null ? null : SearchText.Normalize(prefix), null, null, null, MemberScope.WholeOrganization, Now);

    private Task<IReadOnlyList<OrganizationMember>> FindAsync(string organizationId, MemberQuery query) => directory.FindAllAsync(organizationId, query);

    private async Task<User> CreateAsync(string organizationId, string displayName, Role role = Role.Employee, string? alsoIn = null)
    {
        var memberships = new List<Membership> { new(organizationId, role, ["unit_1"], [], Now) };
        if (alsoIn is not null)
        {
            memberships.Add(new Membership(alsoIn, role, ["unit_1"], [], Now));
        }

        var user = NewUser() with
        {
            DisplayName = displayName + " " + Suffix(),
            Password = new StoredPassword("hash", Now, Temporary: false),
            Memberships = memberships,
        };
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        return user;
    }

    /// <summary>An account saved the way it was before the member index: no row of it in <c>Members</c>.</summary>
    private async Task<User> CreateWithoutIndexAsync(string organizationId, string displayName, string? alsoIn = null)
    {
        var user = await CreateAsync(organizationId, displayName, alsoIn: alsoIn);
        var members = await tables.GetAsync(StorageTables.Members, CancellationToken.None);
        foreach (var organization in user.Memberships.Select(m => m.OrganizationId))
        {
            await foreach (var row in members.QueryAsync<TableEntity>(r => r.PartitionKey == organization, select: ["PartitionKey", "RowKey"]))
            {
                await members.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
            }
        }

        return user;
    }

    /// <summary>The entry as member search found it on arrival: its own row with its data and no other row (no <c>Keys</c>).</summary>
    private async Task MakePreSearchAsync(string organizationId, string userId)
    {
        var members = await tables.GetAsync(StorageTables.Members, CancellationToken.None);
        var own = (await members.GetEntityAsync<TableEntity>(organizationId, userId)).Value;
        foreach (var key in own.GetString("Keys").Split('\n'))
        {
            await members.DeleteEntityAsync(organizationId, key, ETag.All);
        }

        await members.UpsertEntityAsync(new TableEntity(organizationId, userId) { ["Data"] = own.GetString("Data") }, TableUpdateMode.Replace);
    }

    /// <summary>The entry as the live path wrote it before rows keyed by a role existed.</summary>
    private async Task DropRoleRowsAsync(string organizationId, string userId)
    {
        var members = await tables.GetAsync(StorageTables.Members, CancellationToken.None);
        var own = (await members.GetEntityAsync<TableEntity>(organizationId, userId)).Value;
        var keys = own.GetString("Keys").Split('\n');
        var roleKeys = keys.Where(k => k.StartsWith("r|", StringComparison.Ordinal) || k.StartsWith("rs|", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(roleKeys);
        foreach (var key in roleKeys)
        {
            await members.DeleteEntityAsync(organizationId, key, ETag.All);
        }

        own["Keys"] = string.Join('\n', keys.Except(roleKeys));
        await members.UpdateEntityAsync(own, own.ETag, TableUpdateMode.Replace);
    }

    private async Task<IReadOnlyList<(string RowKey, string ETag)>> RowsAsync(string organizationId)
    {
        var members = await tables.GetAsync(StorageTables.Members, CancellationToken.None);
        var rows = new List<(string, string)>();
        await foreach (var row in members.QueryAsync<TableEntity>(r => r.PartitionKey == organizationId))
        {
            rows.Add((row.RowKey, row.ETag.ToString()));
        }

        return rows;
    }

    private async Task SaveAsync(string userId, Func<User, User> change)
    {
        var read = (await store.GetAsync(userId, CancellationToken.None))!;
        await store.SaveAsync(read, change(read.Value), [], CancellationToken.None);
    }
}
