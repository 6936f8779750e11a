using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Organizations;

/// <summary>
/// The organization's own trail (<c>GET /api/organizations/{orgId}/events</c>): operators and the organization's
/// administrators read it, newest first; nobody else does, and an administrator learns nothing of other organizations.
/// </summary>
public class OrganizationTrailTests
{
    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryOrganizationStore store = new();
    private readonly OrganizationProvisioning organizations;

    public OrganizationTrailTests()
    {
        store.Add(Organization("org_a"));
        store.Add(Organization("org_b"));
        organizations = new OrganizationProvisioning(store, time);
    }

    private Task<Result<IReadOnlyList<AuditEvent>>> EventsAsync(Caller caller, string organizationId = "org_a") =>
        organizations.GetEventsAsync(caller, organizationId, 50, CancellationToken.None);

    private async Task ChangePolicyAsync(int minimumLength)
    {
        time.Advance(TimeSpan.FromMinutes(1));
        var changed = await organizations.SetPolicyAsync(
            Caller.Operator.Instance, "org_a", OrganizationPolicy.Default with { MinPasswordLength = minimumLength }, new RequestContext(Actor.Operator, "198.51.100.20"), CancellationToken.None);
        Assert.True(changed.Succeeded);
    }

    [Fact]
    public async Task An_operator_reads_it_newest_first()
    {
        await ChangePolicyAsync(14);
        await ChangePolicyAsync(16);

        var events = await EventsAsync(Caller.Operator.Instance);

        Assert.True(events.Succeeded);
        var changes = events.Value.Where(e => e.Action == AuditAction.PolicyChanged).ToList();
        Assert.Equal(2, changes.Count);
        Assert.True(changes[0].At > changes[1].At);
    }

    [Fact]
    public async Task An_administrator_reads_their_organizations_trail_but_not_another()
    {
        await ChangePolicyAsync(14);
        var administrator = SignedIn(User("usr_admin", Member("org_a", Role.Administrator, "unit_1")));

        Assert.Contains((await EventsAsync(administrator)).Value, e => e.Action == AuditAction.PolicyChanged);
        Assert.Equal(ErrorCode.Forbidden, (await EventsAsync(administrator, "org_b")).Failure!.Code);
        Assert.Equal(ErrorCode.Forbidden, (await EventsAsync(administrator, "org_unknown")).Failure!.Code);
    }

    [Fact]
    public async Task An_administrator_whose_access_was_revoked_reads_nothing()
    {
        var revoked = SignedIn(User("usr_admin", Member("org_a", Role.Administrator, "unit_1") with { AccessRevokedAt = Start }));

        Assert.Equal(ErrorCode.Forbidden, (await EventsAsync(revoked)).Failure!.Code);
    }

    [Theory]
    [InlineData(Role.Employee)]
    [InlineData(Role.Manager)]
    [InlineData(Role.Client)]
    public async Task Other_members_read_nothing(Role role)
    {
        var member = SignedIn(User("usr_member", role == Role.Manager ? Supervisor("org_a", "unit_1") : Member("org_a", role, "unit_1")));

        Assert.Equal(ErrorCode.Forbidden, (await EventsAsync(member)).Failure!.Code);
    }

    [Fact]
    public async Task An_unknown_organization_is_not_found_for_an_operator()
    {
        Assert.Equal(ErrorCode.NotFound, (await EventsAsync(Caller.Operator.Instance, "org_unknown")).Failure!.Code);
    }
}
