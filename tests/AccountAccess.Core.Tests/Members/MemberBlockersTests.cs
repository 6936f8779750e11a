using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Members;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Members;

public class MemberBlockersTests
{
    private static readonly Organization Studio = Organization("org_a");

    [Fact]
    public void An_active_member_with_unit_rights_and_an_email_has_no_blocker()
    {
        Assert.Empty(Blockers(User("usr_a", Member("org_a", Role.Employee, "unit_1"))));
    }

    [Fact]
    public void A_locked_member_without_email_shows_the_lock_and_the_missing_email()
    {
        var user = User("usr_a", Member("org_a", Role.Employee, "unit_1")) with
        {
            Email = null,
            Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, null, Actor.Anonymous),
        };

        Assert.Equal([BlockerCode.AccountDeactivated, BlockerCode.NoEmail], Blockers(user));
    }

    [Fact]
    public void A_pending_member_is_pending_activation()
    {
        Assert.Equal([BlockerCode.PendingActivation], Blockers(User("usr_a", Member("org_a", Role.Employee, "unit_1")) with { Password = null }));
    }

    [Fact]
    public void Sign_ins_own_decision_names_staff_without_units_revoked_access_and_a_suspended_organization()
    {
        var revoked = Member("org_a", Role.Client) with { AccessRevokedAt = Start };
        var suspended = Studio with { Billing = new BillingState(["inv_1", "inv_2"], Start) };

        Assert.Equal([BlockerCode.NoOrganizationLinked], Blockers(User("usr_a", Member("org_a", Role.Employee))));
        Assert.Equal([BlockerCode.AccessRevoked], Blockers(User("usr_b", revoked)));
        Assert.Equal([BlockerCode.OrganizationSuspended], Blockers(User("usr_c", Member("org_a", Role.Employee, "unit_1")), suspended));
    }

    [Fact]
    public void A_password_past_the_policys_age_a_departure_to_come_and_a_hidden_account_are_named()
    {
        var user = User("usr_a", Member("org_a", Role.Employee, "unit_1")) with
        {
            Password = new StoredPassword("hash", Start.AddDays(-91), Temporary: false),
            DepartureDate = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(10),
            Visible = false,
        };

        Assert.Equal([BlockerCode.PasswordChangeRequired, BlockerCode.InvisibleAccount, BlockerCode.DepartureDateSet], Blockers(user));
    }

    [Fact]
    public void A_second_factor_the_policy_requires_and_the_member_lacks_is_named()
    {
        var strict = Studio with { Policy = OrganizationPolicy.Default with { RequireTwoFactor = true } };

        Assert.Equal([BlockerCode.TwoFactorEnrollmentRequired], Blockers(User("usr_a", Member("org_a", Role.Employee, "unit_1")), strict));
    }

    private static IReadOnlyList<BlockerCode> Blockers(User user, Organization? organization = null) =>
        MemberBlockers.Of(OrganizationMember.Of(user).Single(), organization ?? Studio, Start, new PasswordSettings());
}
