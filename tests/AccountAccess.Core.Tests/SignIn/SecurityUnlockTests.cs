using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

/// <summary>
/// <c>unlockByPasswordReset</c>: a new password through an emailed link or a change token lifts a lock for too many
/// attempts or suspicious activity where every organization of the person allows it — never a manual deactivation or
/// a merge — audited as <c>reactivated_by_password_reset</c>; the sign-in refusal and the diagnosis say which remedy applies.
/// </summary>
public class SecurityUnlockTests
{
    private const string OldPassword = "violet-harbour-42";
    private const string NewPassword = "amber-lighthouse-77";

    private static readonly SignInAttempt EmployeePortal = new(Portal.Employee, null);

    private readonly PasswordLifecycle world = new();

    public SecurityUnlockTests()
    {
        world.Organizations.Add(Organization("org_unlock", OrganizationPolicy.Default with { UnlockByPasswordReset = true }));
        world.Organizations.Add(Organization("org_strict"));
    }

    private User Locked(DeactivationReason reason, params string[] organizationIds)
    {
        var user = User("usr_jean", [.. organizationIds.Select(o => Member(o, Role.Employee, "unit_1"))]) with
        {
            Deactivation = new Deactivation(reason, Start, null, reason == DeactivationReason.Manual ? Actor.Operator : Actor.System),
        };
        return world.AddUser(user, OldPassword);
    }

    private async Task<Result<User>> ResetThroughEmailAsync()
    {
        await world.Reset.ForgotAsync("usr_jean", FromIp, CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(2));
        return await world.Reset.ResetAsync(world.LastTokenSentTo("usr_jean@example.com"), NewPassword, FromIp, CancellationToken.None);
    }

    private Task<Result<SignedIn>> SignInAsync(string password) =>
        world.SignIn.SignInAsync(new SignInRequest("usr_jean", password, EmployeePortal), FromIp, CancellationToken.None);

    [Theory]
    [InlineData(DeactivationReason.TooManyAttempts, "too_many_attempts")]
    [InlineData(DeactivationReason.SuspiciousActivity, "suspicious_activity")]
    public async Task Where_the_policy_allows_it_a_reset_through_the_emailed_link_reactivates_a_security_lock(DeactivationReason reason, string recorded)
    {
        Locked(reason, "org_unlock");

        var reset = await ResetThroughEmailAsync();

        Assert.True(reset.Succeeded);
        Assert.Null(world.Users["usr_jean"].Deactivation);
        var reactivated = Assert.Single(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.ReactivatedByPasswordReset);
        Assert.Equal(recorded, reactivated.Reason);
        Assert.True((await SignInAsync(NewPassword)).Succeeded);
    }

    [Fact]
    public async Task By_default_a_reset_sets_the_password_but_the_account_stays_deactivated()
    {
        Locked(DeactivationReason.TooManyAttempts, "org_strict");

        var reset = await ResetThroughEmailAsync();

        Assert.True(reset.Succeeded);
        Assert.Equal(DeactivationReason.TooManyAttempts, world.Users["usr_jean"].Deactivation!.Reason);
        Assert.DoesNotContain(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.ReactivatedByPasswordReset);
        var signIn = await SignInAsync(NewPassword);
        Assert.Equal(ErrorCode.InvalidCredentials, signIn.Failure?.Code);
    }

    [Theory]
    [InlineData(DeactivationReason.Manual)]
    public async Task A_manual_deactivation_is_never_lifted_by_a_reset(DeactivationReason reason)
    {
        Locked(reason, "org_unlock");

        await ResetThroughEmailAsync();

        Assert.Equal(reason, world.Users["usr_jean"].Deactivation!.Reason);
    }

    [Fact]
    public async Task For_a_member_of_several_organizations_the_strictest_policy_wins()
    {
        Locked(DeactivationReason.TooManyAttempts, "org_unlock", "org_strict");

        await ResetThroughEmailAsync();

        Assert.NotNull(world.Users["usr_jean"].Deactivation);
    }

    [Fact]
    public async Task The_sign_in_refusal_says_a_new_password_would_reactivate_the_account()
    {
        Locked(DeactivationReason.SuspiciousActivity, "org_unlock");

        var signIn = await SignInAsync(OldPassword);

        Assert.Equal(ErrorCode.AccountDeactivated, signIn.Failure?.Code);
        Assert.Equal(true, signIn.Failure!.Details["unlockByPasswordReset"]);
    }

    [Fact]
    public async Task A_change_token_obtained_before_the_lock_dies_with_it()
    {
        // The password expired (a change token at sign-in), then someone locked the account: the token's account is gone.
        var jean = Locked(DeactivationReason.TooManyAttempts, "org_unlock");
        var issuedBeforeTheLock = CredentialVersion.Of(jean with { Deactivation = null });

        var changed = await world.Change.ChangeWithTokenAsync("usr_jean", issuedBeforeTheLock, EmployeePortal, NewPassword, FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.Unauthorized, changed.Failure?.Code);
        Assert.NotNull(world.Users["usr_jean"].Deactivation);
    }

    [Fact]
    public async Task A_change_token_of_the_locked_account_reactivates_it_with_the_new_password()
    {
        var jean = Locked(DeactivationReason.TooManyAttempts, "org_unlock");

        var changed = await world.Change.ChangeWithTokenAsync("usr_jean", CredentialVersion.Of(jean), EmployeePortal, NewPassword, FromIp, CancellationToken.None);

        Assert.True(changed.Succeeded);
        Assert.Null(world.Users["usr_jean"].Deactivation);
        Assert.Single(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.ReactivatedByPasswordReset);
    }

    [Fact]
    public async Task A_password_set_by_an_administrator_does_not_lift_the_lock()
    {
        Locked(DeactivationReason.TooManyAttempts, "org_unlock");

        await world.Change.SetForUserAsync(Caller.Operator.Instance, "usr_jean", NewPassword, ContextOf(Caller.Operator.Instance), CancellationToken.None);

        Assert.NotNull(world.Users["usr_jean"].Deactivation);
    }

    [Theory]
    [InlineData("org_unlock", Remedy.ResetPasswordToReactivate, "true")]
    [InlineData("org_strict", Remedy.AskSupervisorToReactivate, "false")]
    public async Task The_diagnosis_names_the_remedy_that_applies(string organizationId, Remedy remedy, string unlock)
    {
        Locked(DeactivationReason.TooManyAttempts, organizationId);
        var diagnosis = new SupportDiagnosis(world.Users, world.Organizations, world.Settings, world.Time);

        var result = await diagnosis.DiagnoseAsync(Caller.Operator.Instance, "usr_jean", portal: null, appVersion: null, CancellationToken.None);

        var blocker = Assert.Single(result.Value.Blockers, b => b.Code == BlockerCode.AccountDeactivated);
        Assert.Equal(remedy, blocker.Remedy);
        Assert.Equal(unlock, blocker.Details["unlockByPasswordReset"]);
    }

    [Fact]
    public void The_nist_preset_unlocks_by_password_reset_and_the_pci_preset_does_not()
    {
        Assert.True(PolicyPresets.ValuesOf(PolicyPreset.Nist80063B).UnlockByPasswordReset);
        Assert.False(PolicyPresets.ValuesOf(PolicyPreset.PciDss4).UnlockByPasswordReset);
        Assert.False(OrganizationPolicy.Default.UnlockByPasswordReset);
    }
}
