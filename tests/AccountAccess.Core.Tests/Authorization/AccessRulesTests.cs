using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Members;
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

    public static TheoryData<OrganizationAction> EveryOrganizationActionButListingMembers =>
        [.. Enum.GetValues<OrganizationAction>().Except([OrganizationAction.ListMembers])];

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

    // --- Several organizations: what belongs to the whole account -------------------------------------------------

    private static readonly UserAction[] WholeAccount =
    [
        UserAction.Edit, UserAction.Deactivate, UserAction.Reactivate, UserAction.ReactivateAfterSuspiciousActivity,
        UserAction.SetPassword, UserAction.SetTemporaryPassword, UserAction.ResetTwoFactor, UserAction.EndSessions, UserAction.Erase,
    ];

    public static TheoryData<UserAction> WholeAccountActions => [.. WholeAccount];

    public static TheoryData<UserAction> MembershipActions => [.. Enum.GetValues<UserAction>().Except(WholeAccount)];

    /// <summary>A client of A and B.</summary>
    private static readonly User ClientOfTwo = User("usr_client2", Member("org_a", Role.Client), Member("org_b", Role.Client));

    /// <summary>An administrator of B who is also a client of A: the take-over target of issue 22.</summary>
    private static readonly User AdministratorOfBClientOfA = User("usr_adminb", Member("org_b", Role.Administrator), Member("org_a", Role.Client));

    /// <summary>An employee of A (unit_1) and of B (unit_b).</summary>
    private static readonly User EmployeeOfTwo = User("usr_emp2", Member("org_a", Role.Employee, "unit_1"), Member("org_b", Role.Employee, "unit_b"));

    public static TheoryData<string> SharedUsers => ["usr_client2", "usr_adminb", "usr_emp2"];

    private static User Shared(string id) => new[] { ClientOfTwo, AdministratorOfBClientOfA, EmployeeOfTwo }.Single(u => u.Id == id);

    [Theory]
    [MemberData(nameof(WholeAccountActions))]
    public void Whole_account_actions_are_the_ones_the_contract_names(UserAction action)
    {
        Assert.True(AccessRules.BelongsToTheWholeAccount(action));
    }

    [Theory]
    [MemberData(nameof(MembershipActions))]
    public void Reads_welcome_kits_memberships_and_access_are_an_organizations_own(UserAction action)
    {
        Assert.False(AccessRules.BelongsToTheWholeAccount(action));
    }

    [Fact]
    public void An_administrator_of_one_organization_may_not_change_the_whole_account_of_a_user_who_is_also_elsewhere()
    {
        var administratorOfA = As(Member("org_a", Role.Administrator));

        foreach (var user in new[] { ClientOfTwo, AdministratorOfBClientOfA, EmployeeOfTwo })
        {
            foreach (var action in WholeAccount)
            {
                Assert.Equal(Errors.ErrorCode.OtherOrganizations, AccessRules.Refusal(administratorOfA, user, action)?.Code);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SharedUsers))]
    public void An_administrator_of_one_organization_keeps_its_own_part_of_a_shared_user(string userId)
    {
        var administratorOfA = As(Member("org_a", Role.Administrator));

        Assert.True(AccessRules.Allows(administratorOfA, Shared(userId), UserAction.View));
        Assert.True(AccessRules.Allows(administratorOfA, Shared(userId), UserAction.ViewEvents));
        Assert.True(AccessRules.Allows(administratorOfA, Shared(userId), UserAction.RevokeAccess, "org_a"));
        Assert.True(AccessRules.Allows(administratorOfA, Shared(userId), UserAction.EditMembership, "org_a"));
        Assert.False(AccessRules.Allows(administratorOfA, Shared(userId), UserAction.EditMembership, "org_b"));
    }

    [Theory]
    [MemberData(nameof(SharedUsers))]
    public void An_operator_changes_the_whole_account_of_a_shared_user(string userId)
    {
        Assert.All(WholeAccount, action => Assert.Null(AccessRules.Refusal(Caller.Operator.Instance, Shared(userId), action)));
    }

    [Fact]
    public void An_administrator_of_every_organization_of_the_user_changes_the_whole_account()
    {
        var administratorOfBoth = As(Member("org_a", Role.Administrator), Member("org_b", Role.Administrator));

        Assert.Null(AccessRules.Refusal(administratorOfBoth, ClientOfTwo, UserAction.SetPassword));
    }

    [Fact]
    public void An_administrator_of_one_organization_and_a_client_of_another_is_still_an_outsider_to_the_others_users()
    {
        // Being a client of A gives no right over A's members.
        var target = User("usr_a_only", Member("org_a", Role.Employee, "unit_1"));

        Assert.Equal(Errors.ErrorCode.Forbidden, AccessRules.Refusal(SignedIn(AdministratorOfBClientOfA), target, UserAction.View)?.Code);
    }

    [Fact]
    public void The_holder_keeps_the_rights_their_role_gives_over_their_own_account()
    {
        Assert.Null(AccessRules.Refusal(SignedIn(AdministratorOfBClientOfA), AdministratorOfBClientOfA, UserAction.SetPassword));
    }

    [Fact]
    public void A_supervisor_of_a_unit_in_one_organization_may_not_set_the_password_of_an_employee_of_two()
    {
        var supervisorInA = As(Supervisor("org_a", "unit_1"));

        Assert.Equal(Errors.ErrorCode.OtherOrganizations, AccessRules.Refusal(supervisorInA, EmployeeOfTwo, UserAction.SetPassword)?.Code);
        Assert.True(AccessRules.Allows(supervisorInA, EmployeeOfTwo, UserAction.ViewEvents));
    }

    [Fact]
    public void A_supervisor_of_a_unit_in_each_organization_sets_the_password_of_an_employee_of_both()
    {
        var supervisorInBoth = As(Supervisor("org_a", "unit_1"), Supervisor("org_b", "unit_b"));

        Assert.Null(AccessRules.Refusal(supervisorInBoth, EmployeeOfTwo, UserAction.SetPassword));
    }

    [Fact]
    public void An_outsider_is_forbidden_not_told_about_other_organizations()
    {
        Assert.Equal(Errors.ErrorCode.Forbidden, AccessRules.Refusal(As(Member("org_c", Role.Administrator)), ClientOfTwo, UserAction.SetPassword)?.Code);
    }

    [Fact]
    public void A_reader_of_one_organization_sees_only_that_part_of_a_shared_user()
    {
        var view = AccessRules.ViewOf(As(Member("org_a", Role.Administrator)), ClientOfTwo, UserAction.View);

        Assert.NotNull(view);
        Assert.False(view.IsWhole);
        Assert.True(view.Shows("org_a"));
        Assert.False(view.Shows("org_b"));
    }

    [Fact]
    public void A_reader_whose_rights_cover_every_membership_sees_the_whole_account()
    {
        Assert.True(AccessRules.ViewOf(As(Member("org_a", Role.Administrator)), Target, UserAction.ViewEvents)!.IsWhole);
        Assert.True(AccessRules.ViewOf(Caller.Operator.Instance, ClientOfTwo, UserAction.ViewEvents)!.IsWhole);
    }

    [Fact]
    public void An_administrator_acts_for_the_one_organization_that_gives_the_right()
    {
        Assert.Equal("org_a", AccessRules.ActingOrganization(As(Member("org_a", Role.Administrator)), ClientOfTwo, UserAction.View));
        Assert.Null(AccessRules.ActingOrganization(As(Member("org_a", Role.Administrator), Member("org_b", Role.Administrator)), ClientOfTwo, UserAction.View));
        Assert.Null(AccessRules.ActingOrganization(Caller.Operator.Instance, ClientOfTwo, UserAction.View));
    }

    [Fact]
    public void An_outsider_reads_nothing()
    {
        Assert.Null(AccessRules.ViewOf(As(Member("org_c", Role.Administrator)), ClientOfTwo, UserAction.View));
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
    [InlineData(OrganizationAction.ListMembers)]
    public void An_administrator_may_view_add_units_create_users_send_welcome_kits_and_list_members_in_their_organization(OrganizationAction action)
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
    [MemberData(nameof(EveryOrganizationActionButListingMembers))]
    public void A_supervisor_may_take_no_organization_action_but_listing_members(OrganizationAction action)
    {
        Assert.False(AccessRules.Allows(As(Supervisor("org_a", "unit_1")), "org_a", action));
    }

    [Fact]
    public void A_supervisor_lists_the_members_of_its_units_only()
    {
        var scope = AccessRules.MemberScopeOf(As(Supervisor("org_a", "unit_1", "unit_2")), "org_a");

        Assert.Equal(["unit_1", "unit_2"], scope!.UnitIds!.Order());
    }

    [Fact]
    public void An_administrator_and_an_operator_list_the_whole_organization()
    {
        Assert.Same(MemberScope.WholeOrganization, AccessRules.MemberScopeOf(As(Member("org_a", Role.Administrator)), "org_a"));
        Assert.Same(MemberScope.WholeOrganization, AccessRules.MemberScopeOf(Caller.Operator.Instance, "org_a"));
    }

    [Fact]
    public void A_manager_without_user_management_an_employee_and_a_supervisor_elsewhere_list_no_member()
    {
        Assert.Null(AccessRules.MemberScopeOf(As(Member("org_a", Role.Manager, "unit_1")), "org_a"));
        Assert.Null(AccessRules.MemberScopeOf(As(Member("org_a", Role.Employee, "unit_1")), "org_a"));
        Assert.Null(AccessRules.MemberScopeOf(As(Supervisor("org_b", "unit_1")), "org_a"));
        Assert.Null(AccessRules.MemberScopeOf(As(Supervisor("org_a", "unit_1") with { AccessRevokedAt = Start }), "org_a"));
    }

    [Fact]
    public void Operators_and_administrators_look_logins_up_and_nobody_else_does()
    {
        Assert.True(AccessRules.MayFindUsers(Caller.Operator.Instance));
        Assert.True(AccessRules.MayFindUsers(As(Member("org_a", Role.Administrator))));
        Assert.False(AccessRules.MayFindUsers(As(Supervisor("org_a", "unit_1"))));
        Assert.False(AccessRules.MayFindUsers(As(Member("org_a", Role.Client))));
        Assert.False(AccessRules.MayFindUsers(As(Member("org_a", Role.Administrator) with { AccessRevokedAt = Start })));
    }

    [Fact]
    public void Only_an_operator_gives_or_takes_the_support_permission()
    {
        Assert.True(AccessRules.MayGrant(Caller.Operator.Instance, Permission.Support));
        Assert.False(AccessRules.MayGrant(As(Member("org_a", Role.Administrator)), Permission.Support));
        Assert.True(AccessRules.MayGrant(As(Member("org_a", Role.Administrator)), Permission.UserManagement));
    }

    [Fact]
    public void An_administrator_does_not_hold_the_support_permission_implicitly()
    {
        Assert.True(Member("org_a", Role.Administrator).Has(Permission.Billing));
        Assert.False(Member("org_a", Role.Administrator).Has(Permission.Support));
    }

    [Fact]
    public void A_revoked_administrator_may_take_no_organization_action()
    {
        var revoked = Member("org_a", Role.Administrator) with { AccessRevokedAt = Start };

        Assert.False(AccessRules.Allows(As(revoked), "org_a", OrganizationAction.View));
    }
}
