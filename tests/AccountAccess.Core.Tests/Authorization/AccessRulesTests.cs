using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Authorization;

public class AccessRulesTests
{
    private static readonly User Target = User("usr_target", Member("org_a", Role.Employee, "unit_1", "unit_2"));

    public static TheoryData<UserAction> EveryUserAction => [.. Enum.GetValues<UserAction>()];

    public static TheoryData<UserAction> SupervisorActions =>
        [UserAction.ViewEvents, UserAction.ViewDiagnosis, UserAction.Deactivate, UserAction.Reactivate, UserAction.SetPassword];

    public static TheoryData<UserAction> NonSupervisorActions =>
        [.. Enum.GetValues<UserAction>().Except(
            [UserAction.ViewEvents, UserAction.ViewDiagnosis, UserAction.Deactivate, UserAction.Reactivate, UserAction.SetPassword])];

    public static TheoryData<OrganizationAction> EveryOrganizationAction => [.. Enum.GetValues<OrganizationAction>()];

    private static Caller.SignedInUser As(params Membership[] memberships) => SignedIn(User("usr_actor", memberships));

    [Theory]
    [MemberData(nameof(EveryUserAction))]
    public void An_operator_may_take_every_action_on_anyone(UserAction action)
    {
        Assert.True(AccessRules.Allows(Caller.Operator.Instance, Target, action));
        Assert.True(AccessRules.Allows(Caller.Operator.Instance, Target, action, "org_elsewhere"));
    }

    [Theory]
    [MemberData(nameof(EveryUserAction))]
    public void An_administrator_of_the_targets_organization_may_take_every_action(UserAction action)
    {
        Assert.True(AccessRules.Allows(As(Member("org_a", Role.Administrator)), Target, action));
    }

    [Theory]
    [MemberData(nameof(EveryUserAction))]
    public void An_administrator_of_another_organization_may_not(UserAction action)
    {
        Assert.False(AccessRules.Allows(As(Member("org_b", Role.Administrator)), Target, action));
    }

    [Fact]
    public void An_administrator_acts_only_within_the_organization_named()
    {
        var target = User("usr_client", Member("org_a", Role.Client), Member("org_b", Role.Client));
        var administratorOfA = As(Member("org_a", Role.Administrator));

        Assert.True(AccessRules.Allows(administratorOfA, target, UserAction.RevokeAccess, "org_a"));
        Assert.False(AccessRules.Allows(administratorOfA, target, UserAction.RevokeAccess, "org_b"));
    }

    [Theory]
    [MemberData(nameof(SupervisorActions))]
    public void A_supervisor_sharing_a_unit_may_take_the_supervisor_actions(UserAction action)
    {
        Assert.True(AccessRules.Allows(As(Supervisor("org_a", "unit_2", "unit_9")), Target, action));
    }

    [Theory]
    [MemberData(nameof(NonSupervisorActions))]
    public void A_supervisor_may_not_take_the_other_actions(UserAction action)
    {
        Assert.False(AccessRules.Allows(As(Supervisor("org_a", "unit_1")), Target, action));
    }

    [Fact]
    public void A_supervisor_may_not_edit_revoke_access_or_lift_a_suspicious_activity_lock()
    {
        var supervisor = As(Supervisor("org_a", "unit_1"));

        Assert.False(AccessRules.Allows(supervisor, Target, UserAction.Edit));
        Assert.False(AccessRules.Allows(supervisor, Target, UserAction.RevokeAccess, "org_a"));
        Assert.False(AccessRules.Allows(supervisor, Target, UserAction.ReactivateAfterSuspiciousActivity));
    }

    [Fact]
    public void A_supervisor_not_sharing_a_unit_may_not()
    {
        Assert.False(AccessRules.Allows(As(Supervisor("org_a", "unit_3")), Target, UserAction.Deactivate));
    }

    [Fact]
    public void A_supervisor_with_the_same_unit_name_in_another_organization_may_not()
    {
        var target = User("usr_target", Member("org_b", Role.Employee, "unit_1"));

        Assert.False(AccessRules.Allows(As(Supervisor("org_a", "unit_1")), target, UserAction.Deactivate));
    }

    [Fact]
    public void A_manager_without_user_management_may_not()
    {
        Assert.False(AccessRules.Allows(As(Member("org_a", Role.Manager, "unit_1")), Target, UserAction.Deactivate));
    }

    [Fact]
    public void A_manager_with_only_the_billing_permission_may_not()
    {
        var billingManager = Member("org_a", Role.Manager, "unit_1") with { Permissions = [Permission.Billing] };

        Assert.False(AccessRules.Allows(As(billingManager), Target, UserAction.Deactivate));
    }

    [Fact]
    public void An_employee_with_user_management_is_not_a_supervisor()
    {
        var employee = Member("org_a", Role.Employee, "unit_1") with { Permissions = [Permission.UserManagement] };

        Assert.False(AccessRules.Allows(As(employee), Target, UserAction.Deactivate));
    }

    [Fact]
    public void A_client_may_not_act_on_others()
    {
        Assert.False(AccessRules.Allows(As(Member("org_a", Role.Client)), Target, UserAction.View));
    }

    [Fact]
    public void A_revoked_administrator_membership_grants_nothing()
    {
        var revoked = Member("org_a", Role.Administrator) with { AccessRevokedAt = Start };

        Assert.False(AccessRules.Allows(As(revoked), Target, UserAction.View));
    }

    [Fact]
    public void A_revoked_supervisor_membership_grants_nothing()
    {
        var revoked = Supervisor("org_a", "unit_1") with { AccessRevokedAt = Start };

        Assert.False(AccessRules.Allows(As(revoked), Target, UserAction.Deactivate));
    }

    [Fact]
    public void An_administrator_may_still_act_on_a_member_whose_access_the_organization_revoked()
    {
        var target = User("usr_client", Member("org_a", Role.Client) with { AccessRevokedAt = Start });

        Assert.True(AccessRules.Allows(As(Member("org_a", Role.Administrator)), target, UserAction.RevokeAccess, "org_a"));
    }

    [Theory]
    [MemberData(nameof(EveryOrganizationAction))]
    public void An_operator_may_take_every_organization_action(OrganizationAction action)
    {
        Assert.True(AccessRules.Allows(Caller.Operator.Instance, "org_a", action));
    }

    [Theory]
    [InlineData(OrganizationAction.View)]
    [InlineData(OrganizationAction.AddUnit)]
    [InlineData(OrganizationAction.CreateUser)]
    [InlineData(OrganizationAction.SendWelcomeKits)]
    public void An_administrator_may_view_add_units_create_users_and_send_welcome_kits_in_their_organization(OrganizationAction action)
    {
        Assert.True(AccessRules.Allows(As(Member("org_a", Role.Administrator)), "org_a", action));
    }

    [Theory]
    [InlineData(OrganizationAction.AddMember)]
    [InlineData(OrganizationAction.ChangePolicy)]
    [InlineData(OrganizationAction.LeaveService)]
    public void Adding_members_changing_the_policy_and_leaving_the_service_are_for_operators_only(OrganizationAction action)
    {
        Assert.False(AccessRules.Allows(As(Member("org_a", Role.Administrator)), "org_a", action));
    }

    [Theory]
    [MemberData(nameof(EveryOrganizationAction))]
    public void An_administrator_of_another_organization_may_take_no_organization_action(OrganizationAction action)
    {
        Assert.False(AccessRules.Allows(As(Member("org_b", Role.Administrator)), "org_a", action));
    }

    [Theory]
    [MemberData(nameof(EveryOrganizationAction))]
    public void A_supervisor_may_take_no_organization_action(OrganizationAction action)
    {
        Assert.False(AccessRules.Allows(As(Supervisor("org_a", "unit_1")), "org_a", action));
    }

    [Fact]
    public void A_revoked_administrator_may_take_no_organization_action()
    {
        var revoked = Member("org_a", Role.Administrator) with { AccessRevokedAt = Start };

        Assert.False(AccessRules.Allows(As(revoked), "org_a", OrganizationAction.View));
    }
}
