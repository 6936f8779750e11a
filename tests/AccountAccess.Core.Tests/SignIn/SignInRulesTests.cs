using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

public class SignInRulesTests
{
    private static readonly SignInAttempt EmployeePortal = new(Portal.Employee, null);
    private static readonly SignInAttempt ManagementPortal = new(Portal.Management, null);
    private static readonly SignInAttempt ClientPortal = new(Portal.Client, null);

    private readonly FakeTimeProvider time = new(Start);
    private readonly Organization organizationA = Organization("org_a");
    private readonly Organization organizationB = Organization("org_b");

    private static SignInAttempt WithApp(Portal portal, string version) =>
        new(portal, AppVersion.TryParse(version, out var parsed) ? parsed : throw new ArgumentException(version));

    private static Organization Suspended(Organization organization, DateTimeOffset since) =>
        organization with { Billing = new BillingState(["inv_1", "inv_2"], since) };

    private static Organization LeftService(Organization organization, DateTimeOffset at) =>
        organization with { Status = OrganizationStatus.LeftService, LeftServiceAt = at };

    private static Organization RequiringApp(Organization organization, string minimumVersion) =>
        organization with { Policy = organization.Policy with { MinimumAppVersion = minimumVersion } };

    private SignInDecision Decide(User user, IReadOnlyList<Organization> organizations, SignInAttempt attempt) =>
        SignInRules.Decide(user, organizations, attempt, time.GetUtcNow());

    [Fact]
    public void An_employee_with_a_unit_signs_in_on_the_employee_portal()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));

        var decision = Decide(user, [organizationA], EmployeePortal);

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Blockers);
        Assert.Equal(Role.Employee, decision.Grant!.Role);
        Assert.Equal(["org_a"], decision.Grant.OrganizationIds);
    }

    // --- account deactivated

    [Fact]
    public void A_deactivated_account_is_blocked_with_its_reason()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with
        {
            Deactivation = new Deactivation(DeactivationReason.Manual, Start.AddHours(-2), null, Actor.Operator),
        };

        var blocker = Assert.Single(Decide(user, [organizationA], EmployeePortal).Blockers);

        Assert.Equal(new SignInBlocker.AccountDeactivated(DeactivationReason.Manual, Start.AddHours(-2), null), blocker);
        Assert.Null(Decide(user, [organizationA], EmployeePortal).Grant);
    }

    [Fact]
    public void A_timed_lock_is_reported_with_its_end()
    {
        var until = Start.AddMinutes(20);
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with
        {
            Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start.AddMinutes(-10), until, Actor.System),
        };

        var blocker = Decide(user, [organizationA], EmployeePortal).FirstBlocker;

        var deactivated = Assert.IsType<SignInBlocker.AccountDeactivated>(blocker);
        Assert.Equal(until, deactivated.Until);
        var failure = deactivated.ToFailure();
        Assert.Equal(ErrorCode.AccountDeactivated, failure.Code);
        Assert.Equal(DeactivationReason.TooManyAttempts, failure.Details["reason"]);
        Assert.Equal(until, failure.Details["until"]);
    }

    [Fact]
    public void A_lock_without_an_end_gives_no_until_in_the_failure()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with
        {
            Deactivation = new Deactivation(DeactivationReason.SuspiciousActivity, Start, null, Actor.System),
        };

        var failure = Decide(user, [organizationA], EmployeePortal).FirstBlocker!.ToFailure();

        Assert.Equal(DeactivationReason.SuspiciousActivity, failure.Details["reason"]);
        Assert.False(failure.Details.ContainsKey("until"));
    }

    [Fact]
    public void A_timed_lock_that_ended_no_longer_blocks()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with
        {
            Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start.AddHours(-1), Start, Actor.System),
        };

        Assert.True(Decide(user, [organizationA], EmployeePortal).Allowed);
    }

    // --- departed

    [Fact]
    public void A_departure_date_in_the_past_blocks()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with { DepartureDate = new DateOnly(2026, 3, 9) };

        var blocker = Assert.Single(Decide(user, [organizationA], EmployeePortal).Blockers);

        Assert.Equal(new SignInBlocker.AccountDeparted(new DateOnly(2026, 3, 9)), blocker);
        Assert.Equal(ErrorCode.AccountDeparted, blocker.ToFailure().Code);
    }

    [Fact]
    public void A_departure_date_of_today_still_allows()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with { DepartureDate = new DateOnly(2026, 3, 10) };

        Assert.True(Decide(user, [organizationA], EmployeePortal).Allowed);
    }

    [Fact]
    public void A_departure_date_in_the_future_still_allows()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with { DepartureDate = new DateOnly(2026, 6, 30) };

        Assert.True(Decide(user, [organizationA], EmployeePortal).Allowed);
    }

    [Fact]
    public void The_departure_day_is_judged_in_utc()
    {
        // 23:30 on the 9th in Montreal is already the 10th in UTC: a departure on the 9th has passed.
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with { DepartureDate = new DateOnly(2026, 3, 9) };
        var lateEvening = new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.FromHours(-5));

        var decision = SignInRules.Decide(user, [organizationA], EmployeePortal, lateEvening);

        Assert.IsType<SignInBlocker.AccountDeparted>(decision.FirstBlocker);
    }

    // --- access revoked

    [Fact]
    public void A_client_whose_only_organization_revoked_access_is_blocked()
    {
        var user = User("usr_1", Member("org_a", Role.Client) with { AccessRevokedAt = Start.AddDays(-1) });

        var blocker = Assert.Single(Decide(user, [organizationA], ClientPortal).Blockers);

        Assert.Equal(ErrorCode.AccessRevoked, blocker.Code);
        Assert.Equal(Start.AddDays(-1), blocker.Since);
        Assert.Equal(["org_a"], ((SignInBlocker.AccessRevoked)blocker).OrganizationIds);
    }

    [Fact]
    public void A_client_revoked_by_one_organization_signs_in_through_the_other()
    {
        var user = User("usr_1",
            Member("org_a", Role.Client) with { AccessRevokedAt = Start.AddDays(-1) },
            Member("org_b", Role.Client));

        var decision = Decide(user, [organizationA, organizationB], ClientPortal);

        Assert.True(decision.Allowed);
        Assert.Equal(["org_b"], decision.Grant!.OrganizationIds);
    }

    // --- wrong portal

    [Theory]
    [InlineData(Role.Employee, Portal.Management, Portal.Employee)]
    [InlineData(Role.Employee, Portal.Client, Portal.Employee)]
    [InlineData(Role.Manager, Portal.Employee, Portal.Management)]
    [InlineData(Role.Manager, Portal.Client, Portal.Management)]
    [InlineData(Role.Administrator, Portal.Employee, Portal.Management)]
    [InlineData(Role.Administrator, Portal.Client, Portal.Management)]
    [InlineData(Role.Client, Portal.Employee, Portal.Client)]
    [InlineData(Role.Client, Portal.Management, Portal.Client)]
    public void A_role_on_the_wrong_portal_is_told_which_portal_to_use(Role role, Portal used, Portal expected)
    {
        var user = User("usr_1", Member("org_a", role, "unit_1"));

        var blocker = Assert.Single(Decide(user, [organizationA], new SignInAttempt(used, null)).Blockers);

        Assert.Equal(new SignInBlocker.WrongPortal(expected), blocker);
        Assert.Equal(expected, blocker.ToFailure().Details["expectedPortal"]);
    }

    [Theory]
    [InlineData(Role.Employee, Portal.Employee)]
    [InlineData(Role.Manager, Portal.Management)]
    [InlineData(Role.Administrator, Portal.Management)]
    [InlineData(Role.Client, Portal.Client)]
    public void Each_role_signs_in_on_its_portal(Role role, Portal portal)
    {
        var user = User("usr_1", Member("org_a", role, "unit_1"));

        Assert.True(Decide(user, [organizationA], new SignInAttempt(portal, null)).Allowed);
    }

    [Fact]
    public void A_person_with_two_roles_signs_in_on_the_portal_of_either()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"), Member("org_b", Role.Client));

        var asEmployee = Decide(user, [organizationA, organizationB], EmployeePortal);
        var asClient = Decide(user, [organizationA, organizationB], ClientPortal);

        Assert.Equal(Role.Employee, asEmployee.Grant!.Role);
        Assert.Equal(["org_a"], asEmployee.Grant.OrganizationIds);
        Assert.Equal(Role.Client, asClient.Grant!.Role);
        Assert.Equal(["org_b"], asClient.Grant.OrganizationIds);
    }

    // --- no organization linked

    [Theory]
    [InlineData(Role.Employee, Portal.Employee)]
    [InlineData(Role.Manager, Portal.Management)]
    public void Staff_without_units_have_no_organization_linked(Role role, Portal portal)
    {
        var user = User("usr_1", Member("org_a", role));

        var blocker = Assert.Single(Decide(user, [organizationA], new SignInAttempt(portal, null)).Blockers);

        Assert.Equal(new SignInBlocker.NoOrganizationLinked(), blocker);
        Assert.Equal(ErrorCode.NoOrganizationLinked, blocker.ToFailure().Code);
    }

    [Fact]
    public void An_administrator_needs_no_units()
    {
        var user = User("usr_1", Member("org_a", Role.Administrator));

        Assert.True(Decide(user, [organizationA], ManagementPortal).Allowed);
    }

    [Fact]
    public void A_client_needs_no_units()
    {
        var user = User("usr_1", Member("org_a", Role.Client));

        Assert.True(Decide(user, [organizationA], ClientPortal).Allowed);
    }

    [Fact]
    public void A_user_with_no_membership_has_no_organization_linked()
    {
        var user = User("usr_1");

        var blocker = Assert.Single(Decide(user, [], EmployeePortal).Blockers);

        Assert.IsType<SignInBlocker.NoOrganizationLinked>(blocker);
    }

    [Fact]
    public void A_membership_of_an_organization_that_no_longer_exists_links_nothing()
    {
        var user = User("usr_1", Member("org_gone", Role.Employee, "unit_1"));

        Assert.IsType<SignInBlocker.NoOrganizationLinked>(Assert.Single(Decide(user, [], EmployeePortal).Blockers));
    }

    [Fact]
    public void A_manager_with_units_in_one_organization_is_linked_through_it()
    {
        var user = User("usr_1", Member("org_a", Role.Manager), Member("org_b", Role.Manager, "unit_b"));

        var decision = Decide(user, [organizationA, organizationB], ManagementPortal);

        Assert.True(decision.Allowed);
        Assert.Equal(["org_b"], decision.Grant!.OrganizationIds);
    }

    // --- organization suspended

    [Fact]
    public void Members_of_an_organization_that_left_the_service_are_blocked()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));
        var left = LeftService(organizationA, Start.AddDays(-3));

        var blocker = Assert.Single(Decide(user, [left], EmployeePortal).Blockers);

        Assert.Equal(new SignInBlocker.OrganizationSuspended(SuspensionReason.LeftService, Start.AddDays(-3)), blocker);
        Assert.Equal(SuspensionReason.LeftService, blocker.ToFailure().Details["reason"]);
    }

    [Fact]
    public void Members_of_an_organization_suspended_for_billing_are_blocked()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));
        var suspended = Suspended(organizationA, Start.AddDays(-1));

        var blocker = Assert.Single(Decide(user, [suspended], EmployeePortal).Blockers);

        Assert.Equal(new SignInBlocker.OrganizationSuspended(SuspensionReason.Billing, Start.AddDays(-1)), blocker);
        Assert.Equal(SuspensionReason.Billing, blocker.ToFailure().Details["reason"]);
    }

    [Fact]
    public void Overdue_invoices_without_a_suspension_do_not_block()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));
        var owing = organizationA with { Billing = new BillingState(["inv_1"], null) };

        Assert.True(Decide(user, [owing], EmployeePortal).Allowed);
    }

    [Fact]
    public void Billing_is_the_reason_given_when_one_organization_left_and_another_is_suspended_for_billing()
    {
        var user = User("usr_1", Member("org_a", Role.Client), Member("org_b", Role.Client));

        var blocker = Decide(user, [LeftService(organizationA, Start), Suspended(organizationB, Start)], ClientPortal).FirstBlocker;

        Assert.Equal(SuspensionReason.Billing, Assert.IsType<SignInBlocker.OrganizationSuspended>(blocker).Reason);
    }

    [Fact]
    public void A_client_of_a_suspended_and_an_active_organization_signs_in_to_the_active_one_only()
    {
        var user = User("usr_1", Member("org_a", Role.Client), Member("org_b", Role.Client));

        var decision = Decide(user, [Suspended(organizationA, Start), organizationB], ClientPortal);

        Assert.True(decision.Allowed);
        Assert.Equal(["org_b"], decision.Grant!.OrganizationIds);
    }

    // --- app update required

    [Fact]
    public void An_app_older_than_the_minimum_must_update()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));

        var blocker = Assert.Single(Decide(user, [RequiringApp(organizationA, "3.10.0")], WithApp(Portal.Employee, "3.9.9")).Blockers);

        var update = Assert.IsType<SignInBlocker.AppUpdateRequired>(blocker);
        Assert.Equal("3.10.0", update.ToFailure().Details["minimumVersion"]);
        Assert.Equal(ErrorCode.AppUpdateRequired, update.Code);
    }

    [Fact]
    public void The_minimum_app_version_is_compared_semantically()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));

        var decision = Decide(user, [RequiringApp(organizationA, "3.2.0")], WithApp(Portal.Employee, "3.10.0"));

        Assert.True(decision.Allowed);
    }

    [Fact]
    public void An_app_at_exactly_the_minimum_version_signs_in()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));

        Assert.True(Decide(user, [RequiringApp(organizationA, "3.2.0")], WithApp(Portal.Employee, "3.2")).Allowed);
    }

    [Fact]
    public void A_pre_release_of_the_minimum_version_must_update()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));

        var decision = Decide(user, [RequiringApp(organizationA, "3.2.0")], WithApp(Portal.Employee, "3.2.0-rc.1"));

        Assert.IsType<SignInBlocker.AppUpdateRequired>(decision.FirstBlocker);
    }

    [Fact]
    public void Without_an_app_version_the_minimum_is_not_checked()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));

        Assert.True(Decide(user, [RequiringApp(organizationA, "99.0.0")], EmployeePortal).Allowed);
    }

    [Fact]
    public void The_strictest_minimum_of_the_organizations_applies()
    {
        var user = User("usr_1", Member("org_a", Role.Client), Member("org_b", Role.Client));

        var decision = Decide(user, [RequiringApp(organizationA, "3.2.0"), RequiringApp(organizationB, "4.0.0")], WithApp(Portal.Client, "3.5.0"));

        Assert.Equal("4.0.0", Assert.IsType<SignInBlocker.AppUpdateRequired>(decision.FirstBlocker).MinimumVersion.ToString());
    }

    // --- order and completeness

    [Fact]
    public void Every_blocker_is_listed_in_the_order_of_the_sign_in_table()
    {
        var user = User("usr_1", Member("org_a", Role.Employee) with { AccessRevokedAt = Start.AddDays(-2) }) with
        {
            Deactivation = new Deactivation(DeactivationReason.Manual, Start.AddDays(-1), null, Actor.Operator),
            DepartureDate = new DateOnly(2026, 1, 31),
        };
        var organization = RequiringApp(Suspended(organizationA, Start.AddDays(-5)), "5.0.0");

        var decision = Decide(user, [organization], WithApp(Portal.Management, "4.0.0"));

        Assert.Equal(
            [
                ErrorCode.AccountDeactivated,
                ErrorCode.AccountDeparted,
                ErrorCode.AccessRevoked,
                ErrorCode.WrongPortal,
                ErrorCode.NoOrganizationLinked,
                ErrorCode.OrganizationSuspended,
                ErrorCode.AppUpdateRequired,
            ],
            decision.Blockers.Select(b => b.Code));
        Assert.Equal(ErrorCode.AccountDeactivated, decision.FirstBlocker!.Code);
        Assert.False(decision.Allowed);
        Assert.Null(decision.Grant);
    }

    [Fact]
    public void Departure_comes_before_a_wrong_portal()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1")) with { DepartureDate = new DateOnly(2026, 1, 31) };

        var decision = Decide(user, [organizationA], ManagementPortal);

        Assert.Equal([ErrorCode.AccountDeparted, ErrorCode.WrongPortal], decision.Blockers.Select(b => b.Code));
    }

    [Fact]
    public void A_wrong_portal_comes_before_a_suspended_organization()
    {
        var user = User("usr_1", Member("org_a", Role.Client));

        var decision = Decide(user, [LeftService(organizationA, Start)], EmployeePortal);

        Assert.Equal([ErrorCode.WrongPortal, ErrorCode.OrganizationSuspended], decision.Blockers.Select(b => b.Code));
    }

    [Fact]
    public void A_suspended_organization_comes_before_an_app_update()
    {
        var user = User("usr_1", Member("org_a", Role.Employee, "unit_1"));

        var decision = Decide(user, [RequiringApp(Suspended(organizationA, Start), "2.0")], WithApp(Portal.Employee, "1.0"));

        Assert.Equal([ErrorCode.OrganizationSuspended, ErrorCode.AppUpdateRequired], decision.Blockers.Select(b => b.Code));
    }

    // --- the grant

    [Fact]
    public void A_manager_who_is_administrator_elsewhere_signs_in_as_administrator()
    {
        var user = User("usr_1", Member("org_a", Role.Manager, "unit_a"), Member("org_b", Role.Administrator));

        var grant = Decide(user, [organizationA, organizationB], ManagementPortal).Grant!;

        Assert.Equal(Role.Administrator, grant.Role);
        Assert.Equal(["org_a", "org_b"], grant.OrganizationIds);
    }

    [Fact]
    public void The_grant_names_only_organizations_reached_through_the_portal()
    {
        var user = User("usr_1", Member("org_a", Role.Manager, "unit_a"), Member("org_b", Role.Client));

        var grant = Decide(user, [organizationA, organizationB], ManagementPortal).Grant!;

        Assert.Equal(Role.Manager, grant.Role);
        Assert.Equal(["org_a"], grant.OrganizationIds);
    }

    [Fact]
    public void The_grant_leaves_out_revoked_suspended_and_unlinked_memberships()
    {
        var user = User("usr_1",
            Member("org_a", Role.Client),
            Member("org_b", Role.Client) with { AccessRevokedAt = Start },
            Member("org_c", Role.Client),
            Member("org_d", Role.Employee, "unit_d"));
        var organizations = new[] { organizationA, organizationB, Suspended(Organization("org_c"), Start), Organization("org_d") };

        var grant = Decide(user, organizations, ClientPortal).Grant!;

        Assert.Equal(Role.Client, grant.Role);
        Assert.Equal(["org_a"], grant.OrganizationIds);
    }
}
