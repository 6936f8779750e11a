using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>The member index the user store keeps beside the users it saves (a real Azurite).</summary>
public sealed class MemberIndexTests : IAsyncLifetime
{
    private TableUserStore store = null!;

    public async Task InitializeAsync() => store = new TableUserStore(await TablesAsync(), TimeProvider.System);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_created_member_is_listed_in_its_organization_only()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = MemberOf(organizationId, Role.Employee);

        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);

        var member = Assert.Single(await store.ListMembersAsync(organizationId, CancellationToken.None));
        Assert.Equal(user.Id, member.UserId);
        Assert.Equal(Role.Employee, member.Role);
        Assert.Equal(AccountStatus.PendingActivation, member.Status);
        Assert.True(member.HasEmail);
        Assert.Empty(await store.ListMembersAsync(Ids.NewOrganizationId(), CancellationToken.None));
    }

    [Fact]
    public async Task A_save_that_changes_what_the_index_holds_updates_the_entry()
    {
        var organizationId = Ids.NewOrganizationId();
        var user = MemberOf(organizationId, Role.Manager);
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;

        var billing = read.Value.Memberships[0] with { Permissions = [Permission.Billing] };
        await store.SaveAsync(read, read.Value with { Email = null, Memberships = [billing] }, [], CancellationToken.None);

        var member = Assert.Single(await store.ListMembersAsync(organizationId, CancellationToken.None));
        Assert.False(member.HasEmail);
        Assert.True(member.Has(Permission.Billing));
    }

    [Fact]
    public async Task A_membership_moved_elsewhere_leaves_the_first_organization_and_joins_the_second()
    {
        var first = Ids.NewOrganizationId();
        var second = Ids.NewOrganizationId();
        var user = MemberOf(first, Role.Client);
        await store.CreateAsync(user, Event(AuditAction.UserCreated), CancellationToken.None);
        var read = (await store.GetAsync(user.Id, CancellationToken.None))!;

        await store.SaveAsync(read, read.Value with { Memberships = [read.Value.Memberships[0] with { OrganizationId = second }] }, [], CancellationToken.None);

        Assert.Empty(await store.ListMembersAsync(first, CancellationToken.None));
        Assert.Equal(user.Id, Assert.Single(await store.ListMembersAsync(second, CancellationToken.None)).UserId);
    }

    [Fact]
    public async Task An_unsafe_organization_id_lists_nobody()
    {
        Assert.Empty(await store.ListMembersAsync("x' or PartitionKey ne '", CancellationToken.None));
    }

    private static User MemberOf(string organizationId, Role role) =>
        NewUser() with { Memberships = [new Membership(organizationId, role, ["unit_1"], [], DateTimeOffset.UtcNow)] };
}
