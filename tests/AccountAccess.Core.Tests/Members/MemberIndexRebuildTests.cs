using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Members;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Members;

public sealed class MemberIndexRebuildTests
{
    private readonly InMemoryOrganizationStore organizations = new();
    private readonly OnePageRepair repair = new();
    private readonly RecordingWorkflows workflows = new();
    private readonly MemberIndexRebuild rebuild;
    private readonly RequestContext operatorContext = new(Actor.Operator, "198.51.100.20");

    public MemberIndexRebuildTests()
    {
        organizations.Add(Organization("org_a"));
        organizations.Add(Organization("org_b"));
        rebuild = new MemberIndexRebuild(repair, workflows, organizations, new FakeTimeProvider(Start));
    }

    [Fact]
    public async Task An_operator_starts_a_rebuild_of_an_organization_and_the_request_is_on_its_trail()
    {
        var started = await rebuild.RequestAsync(Caller.Operator.Instance, "org_a", operatorContext, CancellationToken.None);

        Assert.Equal(new MemberIndexRebuildStart("org_a", true), started.Value);
        Assert.Equal([new MemberIndexRebuildRequest("org_a", operatorContext, Start)], workflows.Started);
        var requested = Assert.Single(organizations.EventsOf("org_a"));
        Assert.Equal(AuditAction.MemberIndexRebuildRequested, requested.Action);
        Assert.Equal(Actor.Operator, requested.Actor);
    }

    [Fact]
    public async Task A_rebuild_of_every_organization_runs_under_the_id_all()
    {
        var started = await rebuild.RequestAsync(Caller.Operator.Instance, null, operatorContext, CancellationToken.None);

        Assert.Equal("all", started.Value.Id);
    }

    [Fact]
    public async Task Asking_again_while_a_rebuild_runs_joins_it_and_records_nothing_more()
    {
        workflows.Running = true;

        var joined = await rebuild.RequestAsync(Caller.Operator.Instance, "org_a", operatorContext, CancellationToken.None);

        Assert.False(joined.Value.Started);
        Assert.Empty(organizations.EventsOf("org_a"));
    }

    [Fact]
    public async Task An_administrator_of_the_organization_cannot_start_a_rebuild()
    {
        var administrator = SignedIn(User("usr_admin", Member("org_a", Role.Administrator)));

        var refused = await rebuild.RequestAsync(administrator, "org_a", ContextOf(administrator), CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, refused.Failure!.Code);
        Assert.Empty(workflows.Started);
    }

    [Fact]
    public async Task A_rebuild_of_an_organization_that_does_not_exist_is_not_found_and_nothing_starts()
    {
        var refused = await rebuild.RequestAsync(Caller.Operator.Instance, "org_nosuch", operatorContext, CancellationToken.None);

        Assert.Equal(ErrorCode.NotFound, refused.Failure!.Code);
        Assert.Empty(workflows.Started);
    }

    [Fact]
    public async Task The_end_of_a_rebuild_of_one_organization_is_recorded_with_its_counts_even_when_nothing_changed()
    {
        var request = new MemberIndexRebuildRequest("org_a", operatorContext, Start);

        await rebuild.CompleteAsync(request, new Dictionary<string, MemberIndexTally> { ["org_a"] = new(0, 0, 12) }, CancellationToken.None);

        var rebuilt = Assert.Single(organizations.EventsOf("org_a"));
        Assert.Equal(AuditAction.MemberIndexRebuilt, rebuilt.Action);
        Assert.Equal("0", rebuilt.Details!["written"]);
        Assert.Equal("12", rebuilt.Details["unchanged"]);
    }

    [Fact]
    public async Task The_end_of_a_rebuild_of_all_is_recorded_on_each_organization_it_changed_and_no_other()
    {
        var request = new MemberIndexRebuildRequest(null, operatorContext, Start);
        var totals = new Dictionary<string, MemberIndexTally> { ["org_a"] = new(3, 1, 2), ["org_b"] = new(0, 0, 5) };

        await rebuild.CompleteAsync(request, totals, CancellationToken.None);

        Assert.Equal("3", Assert.Single(organizations.EventsOf("org_a")).Details!["written"]);
        Assert.Empty(organizations.EventsOf("org_b"));
    }

    [Fact]
    public async Task A_page_is_the_repairs_page_of_the_requested_scope()
    {
        var request = new MemberIndexRebuildRequest("org_a", operatorContext, Start);
        var page = new MemberIndexRepairPage(100, new Dictionary<string, MemberIndexTally>(), "next");
        repair.Page = page;

        Assert.Same(page, await rebuild.RebuildPageAsync(request, "token", CancellationToken.None));
        Assert.Equal(("org_a", "token", MemberIndexRebuild.PageSize), repair.Asked);
    }

    [Fact]
    public async Task A_sweep_page_is_the_repairs_sweep_of_the_requested_scope()
    {
        var request = new MemberIndexRebuildRequest("org_a", operatorContext, Start);
        var page = new MemberIndexRepairPage(100, new Dictionary<string, MemberIndexTally>(), "next");
        repair.Page = page;

        Assert.Same(page, await rebuild.SweepPageAsync(request, "token", CancellationToken.None));
        Assert.Equal(("org_a", "token", MemberIndexRebuild.PageSize), repair.SweepAsked);
    }

    [Fact]
    public async Task The_end_of_a_rebuild_records_the_orphans_it_removed()
    {
        var request = new MemberIndexRebuildRequest("org_a", operatorContext, Start);

        await rebuild.CompleteAsync(request, new Dictionary<string, MemberIndexTally> { ["org_a"] = new(0, 0, 12, Removed: 3) }, CancellationToken.None);

        Assert.Equal("3", Assert.Single(organizations.EventsOf("org_a")).Details!["removed"]);
    }

    [Fact]
    public async Task A_rebuild_of_all_that_only_removed_orphans_is_recorded_on_that_organization()
    {
        var request = new MemberIndexRebuildRequest(null, operatorContext, Start);

        await rebuild.CompleteAsync(request, new Dictionary<string, MemberIndexTally> { ["org_a"] = new(0, 0, 0, Removed: 1) }, CancellationToken.None);

        Assert.Equal("1", Assert.Single(organizations.EventsOf("org_a")).Details!["removed"]);
    }

    [Fact]
    public void Tallies_add_up_by_outcome()
    {
        var tally = MemberIndexTally.None.Plus(MemberEntryRepair.Written).Plus(MemberEntryRepair.Rekeyed).Plus(MemberEntryRepair.Unchanged)
            .Plus(MemberEntryRepair.Removed).Plus(new MemberIndexTally(1, 1, 1, 1));

        Assert.Equal(new MemberIndexTally(2, 2, 2, 2), tally);
        Assert.False(new MemberIndexTally(0, 0, 9).Changed);
    }

    private sealed class RecordingWorkflows : IMemberIndexWorkflows
    {
        public bool Running { get; set; }

        public List<MemberIndexRebuildRequest> Started { get; } = [];

        public Task<(string Id, bool Started)> StartRebuildAsync(MemberIndexRebuildRequest request, CancellationToken cancellationToken)
        {
            if (!Running)
            {
                Started.Add(request);
            }

            return Task.FromResult((request.ScopeId, !Running));
        }
    }

    private sealed class OnePageRepair : IMemberIndexRepair
    {
        public MemberIndexRepairPage Page { get; set; } = new(0, new Dictionary<string, MemberIndexTally>(), null);

        public (string? OrganizationId, string? Token, int Max)? Asked { get; private set; }

        public Task<MemberIndexRepairPage> RepairPageAsync(string? organizationId, string? continuationToken, int max, CancellationToken cancellationToken)
        {
            Asked = (organizationId, continuationToken, max);
            return Task.FromResult(Page);
        }

        public Task<MemberIndexRepairPage> SweepPageAsync(string? organizationId, string? continuationToken, int max, CancellationToken cancellationToken)
        {
            SweepAsked = (organizationId, continuationToken, max);
            return Task.FromResult(Page);
        }

        public (string? OrganizationId, string? Token, int Max)? SweepAsked { get; private set; }
    }
}
