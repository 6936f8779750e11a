using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Organizations;
using static AccountAccess.Storage.Tests.StoreFactory;

namespace AccountAccess.Storage.Tests;

/// <summary>Organizations, their units and their audit trail in Azure Table storage (a real Azurite).</summary>
public sealed class TableOrganizationStoreTests : IAsyncLifetime
{
    private TableOrganizationStore store = null!;

    public async Task InitializeAsync() => store = new TableOrganizationStore(await TablesAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_created_organization_reads_back_with_its_policy()
    {
        var organization = NewOrganization() with { Policy = new OrganizationPolicy { MaxFailedAttempts = 3, LockoutMinutes = 30 } };

        await store.CreateAsync(organization, Event(AuditAction.OrganizationCreated), CancellationToken.None);

        var stored = await store.GetAsync(organization.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(organization.Policy, stored.Value.Policy);
        Assert.Equal(organization.Name, stored.Value.Name);
    }

    [Fact]
    public async Task Saving_with_a_stale_version_throws_and_changes_nothing()
    {
        var organization = NewOrganization();
        await store.CreateAsync(organization, Event(AuditAction.OrganizationCreated), CancellationToken.None);
        var read = (await store.GetAsync(organization.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { Name = "First writer" }, [Event(AuditAction.PolicyChanged, reason: "first")], CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(read, read.Value with { Name = "Second writer" }, [Event(AuditAction.PolicyChanged, reason: "second")], CancellationToken.None));

        Assert.Equal("First writer", (await store.GetAsync(organization.Id, CancellationToken.None))!.Value.Name);
        Assert.DoesNotContain(await store.GetEventsAsync(organization.Id, 10, CancellationToken.None), e => e.Reason == "second");
    }

    [Fact]
    public async Task GetMany_returns_the_organizations_that_exist_and_skips_the_others()
    {
        var first = NewOrganization();
        var second = NewOrganization();
        await store.CreateAsync(first, Event(AuditAction.OrganizationCreated), CancellationToken.None);
        await store.CreateAsync(second, Event(AuditAction.OrganizationCreated), CancellationToken.None);

        var found = await store.GetManyAsync([first.Id, "org_doesnotexist0000", second.Id, first.Id, "a/b", "'"], CancellationToken.None);

        Assert.Equal(new[] { first.Id, second.Id }.Order(), found.Select(o => o.Id).Order());
    }

    [Fact]
    public async Task Units_are_listed_by_organization()
    {
        var organization = NewOrganization();
        var other = NewOrganization();
        await store.CreateAsync(organization, Event(AuditAction.OrganizationCreated), CancellationToken.None);
        await store.CreateAsync(other, Event(AuditAction.OrganizationCreated), CancellationToken.None);
        var unit = new Unit(Core.Accounts.Ids.NewUnitId(), organization.Id, "Plateau", DateTimeOffset.UtcNow);
        await store.AddUnitAsync(unit, Event(AuditAction.UnitCreated), CancellationToken.None);
        await store.AddUnitAsync(new Unit(Core.Accounts.Ids.NewUnitId(), other.Id, "Elsewhere", DateTimeOffset.UtcNow), Event(AuditAction.UnitCreated), CancellationToken.None);

        var units = await store.GetUnitsAsync(organization.Id, CancellationToken.None);

        Assert.Equal([unit], units);
    }

    [Fact]
    public async Task Events_come_newest_first()
    {
        var organization = NewOrganization();
        var start = DateTimeOffset.UtcNow;
        await store.CreateAsync(organization, Event(AuditAction.OrganizationCreated, start), CancellationToken.None);
        await store.AddUnitAsync(new Unit(Core.Accounts.Ids.NewUnitId(), organization.Id, "Unit", start), Event(AuditAction.UnitCreated, start.AddSeconds(1)), CancellationToken.None);
        var read = (await store.GetAsync(organization.Id, CancellationToken.None))!;
        await store.SaveAsync(read, read.Value with { Status = OrganizationStatus.LeftService }, [Event(AuditAction.OrganizationLeftService, start.AddSeconds(2))], CancellationToken.None);

        var events = await store.GetEventsAsync(organization.Id, 10, CancellationToken.None);

        Assert.Equal([AuditAction.OrganizationLeftService, AuditAction.UnitCreated, AuditAction.OrganizationCreated], events.Select(e => e.Action));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("'")]
    [InlineData("org_' or PartitionKey ne '")]
    [InlineData("")]
    public async Task Odd_ids_read_as_nothing_instead_of_throwing(string id)
    {
        Assert.Null(await store.GetAsync(id, CancellationToken.None));
        Assert.Empty(await store.GetUnitsAsync(id, CancellationToken.None));
        Assert.Empty(await store.GetEventsAsync(id, 10, CancellationToken.None));
    }
}
