using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Members;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Members;

public sealed class MemberSearchTests
{
    private readonly InMemoryUserStore users = new();
    private readonly InMemoryOrganizationStore organizations = new();
    private readonly MemberSearch search;

    public MemberSearchTests()
    {
        organizations.Add(Organization("org_a"));
        organizations.AddUnit("org_a", "unit_1");
        organizations.AddUnit("org_a", "unit_2");
        search = new MemberSearch(new InMemoryMemberDirectory(users), organizations, new PasswordSettings(), new FakeTimeProvider(Start));
    }

    [Fact]
    public async Task Each_member_comes_with_its_status_and_blockers()
    {
        users.Add(User("usr_locked", Member("org_a", Role.Employee, "unit_1"))
            with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, null, Actor.Anonymous) });

        var listed = Assert.Single((await SearchAsync(Caller.Operator.Instance, new MemberSearchRequest())).Members);

        Assert.Equal(MemberStatus.Locked, listed.Status);
        Assert.Equal([BlockerCode.AccountDeactivated], listed.Blockers);
    }

    [Fact]
    public async Task A_supervisor_gets_the_members_of_its_units_and_no_administrator()
    {
        users.Add(User("usr_in", Member("org_a", Role.Employee, "unit_1")));
        users.Add(User("usr_out", Member("org_a", Role.Employee, "unit_2")));
        users.Add(User("usr_admin", Member("org_a", Role.Administrator, "unit_1")));
        var supervisor = SignedIn(User("usr_boss", Supervisor("org_a", "unit_1")));

        var listed = await SearchAsync(supervisor, new MemberSearchRequest());

        Assert.Equal(["usr_in"], listed.Members.Select(m => m.Member.UserId));
    }

    [Fact]
    public async Task A_supervisor_asking_for_another_unit_gets_nobody()
    {
        users.Add(User("usr_out", Member("org_a", Role.Employee, "unit_2")));
        var supervisor = SignedIn(User("usr_boss", Supervisor("org_a", "unit_1")));

        Assert.Empty((await SearchAsync(supervisor, new MemberSearchRequest(UnitId: "unit_2"))).Members);
    }

    [Fact]
    public async Task Someone_without_the_right_is_refused_whatever_they_ask()
    {
        var employee = SignedIn(User("usr_e", Member("org_a", Role.Employee, "unit_1")));

        var refused = await search.SearchAsync(employee, "org_a", new MemberSearchRequest(Max: -5, ContinuationToken: "garbage"), CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, refused.Failure!.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(MemberSearch.MaxPerPage + 1)]
    public async Task A_page_size_out_of_range_is_refused_naming_max(int max)
    {
        var refused = await search.SearchAsync(Caller.Operator.Instance, "org_a", new MemberSearchRequest(Max: max), CancellationToken.None);

        Assert.Equal("max", refused.Failure!.Details["field"]);
    }

    [Fact]
    public async Task An_unknown_unit_is_refused_naming_unit_id()
    {
        var refused = await search.SearchAsync(Caller.Operator.Instance, "org_a", new MemberSearchRequest(UnitId: "unit_nope"), CancellationToken.None);

        Assert.Equal("unitId", refused.Failure!.Details["field"]);
    }

    [Fact]
    public async Task An_unknown_organization_is_not_found_for_an_operator()
    {
        var refused = await search.SearchAsync(Caller.Operator.Instance, "org_nope", new MemberSearchRequest(), CancellationToken.None);

        Assert.Equal(ErrorCode.NotFound, refused.Failure!.Code);
    }

    [Fact]
    public async Task The_continuation_token_gives_the_next_page_and_none_after_the_last()
    {
        foreach (var i in Enumerable.Range(1, 5))
        {
            users.Add(User($"usr_{i}", Member("org_a", Role.Employee, "unit_1")));
        }

        var first = await SearchAsync(Caller.Operator.Instance, new MemberSearchRequest(Max: 3));
        var second = await SearchAsync(Caller.Operator.Instance, new MemberSearchRequest(Max: 3, ContinuationToken: first.ContinuationToken));

        Assert.Equal(3, first.Members.Count);
        Assert.Equal(2, second.Members.Count);
        Assert.Null(second.ContinuationToken);
        Assert.Equal(5, first.Members.Concat(second.Members).Select(m => m.Member.UserId).Distinct().Count());
    }

    [Fact]
    public async Task A_continuation_token_of_another_search_is_refused()
    {
        foreach (var i in Enumerable.Range(1, 3))
        {
            users.Add(User($"usr_{i}", Member("org_a", Role.Employee, "unit_1")));
        }

        var first = await SearchAsync(Caller.Operator.Instance, new MemberSearchRequest(Max: 1));
        var refused = await search.SearchAsync(Caller.Operator.Instance, "org_a", new MemberSearchRequest(Query: "usr", ContinuationToken: first.ContinuationToken), CancellationToken.None);

        Assert.Equal("continuationToken", refused.Failure!.Details["field"]);
    }

    [Fact]
    public async Task A_query_of_spaces_lists_everyone()
    {
        users.Add(User("usr_1", Member("org_a", Role.Employee, "unit_1")));

        Assert.Single((await SearchAsync(Caller.Operator.Instance, new MemberSearchRequest(Query: "   "))).Members);
    }

    private async Task<MemberList> SearchAsync(Caller caller, MemberSearchRequest request) =>
        (await search.SearchAsync(caller, "org_a", request, CancellationToken.None)).Value;
}
