using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Authorization;

public class SupportTeamTests
{
    private static readonly SupportTeam Team = new() { OrganizationId = "org_support" };

    private static Membership SupportAdministrator(string organizationId = "org_support") =>
        Member(organizationId, Role.Administrator) with { Permissions = [Permission.Support] };

    [Fact]
    public void An_administrator_of_the_team_s_organization_with_the_support_permission_is_in_the_team()
    {
        Assert.True(Team.Includes(User("usr_sam", SupportAdministrator())));
    }

    [Fact]
    public void The_permission_in_another_organization_does_not_count()
    {
        Assert.False(Team.Includes(User("usr_sam", SupportAdministrator("org_client"))));
    }

    [Fact]
    public void An_administrator_without_the_permission_a_manager_with_it_and_a_revoked_one_are_not_in_the_team()
    {
        Assert.False(Team.Includes(User("usr_a", Member("org_support", Role.Administrator))));
        Assert.False(Team.Includes(User("usr_b", Member("org_support", Role.Manager, "unit_1") with { Permissions = [Permission.Support] })));
        Assert.False(Team.Includes(User("usr_c", SupportAdministrator() with { AccessRevokedAt = Start })));
    }

    [Fact]
    public void Without_an_organization_configured_nobody_is_in_the_team()
    {
        Assert.Null(new SupportTeam().OrganizationId);
        Assert.False(new SupportTeam().Includes(User("usr_sam", SupportAdministrator())));
    }
}
