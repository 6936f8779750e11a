using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

public class SignInHandlerTests
{
    private const string Password = "violet-harbour-42";

    private static readonly PasswordHashing Hashing = new(1000);
    private static readonly string PasswordHash = Hashing.Hash(Password);

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly InMemoryOrganizationStore organizations = new();
    private readonly FakeAccessTokenIssuer tokens = new();

    public SignInHandlerTests()
    {
        organizations.Add(Organization("org_a"));
        users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")).WithPassword(PasswordHash));
    }

    private SignInHandler Handler(PasswordHashing? hashing = null, LockoutSettings? lockoutSettings = null, SupportTeam? supportTeam = null) =>
        new(users, organizations, hashing ?? Hashing, tokens, new AccountAccess.Core.Sessions.SessionStart(users, new InMemorySessionStore(users), tokens, new AccountAccess.Core.Sessions.SessionSettings(), time), new UserUpdater(users, time), lockoutSettings ?? new LockoutSettings(), new PasswordSettings(), new InMemoryChallengeStore(), new AccountAccess.Core.TwoFactor.TwoFactorSettings(), time,
            supportTeam: supportTeam);

    private static readonly SupportTeam Support = new() { OrganizationId = "org_support" };

    private void AddSupportAccount(string id, Permission[] permissions, bool secondFactor)
    {
        organizations.Add(Organization("org_support"));
        var user = User(id, Member("org_support", Role.Administrator) with { Permissions = permissions }).WithPassword(PasswordHash);
        users.Add(secondFactor ? user with { TwoFactor = new AccountAccess.Core.TwoFactor.TwoFactorEnrollment { Phone = "+15145550100" } } : user);
    }

    private Task<Result<SignedIn>> SignInAsync(string login, string password, Portal portal = Portal.Employee, SignInHandler? handler = null) =>
        (handler ?? Handler()).SignInAsync(new SignInRequest(login, password, new SignInAttempt(portal, null)), FromIp, CancellationToken.None);

    private async Task FailTimesAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(ErrorCode.InvalidCredentials, (await SignInAsync("usr_jean", "wrong password")).Failure?.Code);
            time.Advance(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task The_right_password_signs_in_with_a_token_and_the_grant()
    {
        var result = await SignInAsync("usr_jean", Password);

        Assert.True(result.Succeeded);
        Assert.Equal("usr_jean", result.Value.User.Id);
        Assert.Equal(Role.Employee, result.Value.Grant.Role);
        Assert.Equal(["org_a"], result.Value.Grant.OrganizationIds);
        Assert.Equal(Start + FakeAccessTokenIssuer.Lifetime, result.Value.Token!.ExpiresAt);
        Assert.Single(tokens.Issued);
    }

    [Fact]
    public async Task The_main_email_is_a_login_too_whatever_its_case_and_spacing()
    {
        var result = await SignInAsync("  USR_JEAN@Example.com ", Password);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_secondary_email_is_not_a_login()
    {
        users.Add(User("usr_marie", Member("org_a", Role.Employee, "unit_1")).WithPassword(PasswordHash) with { SecondaryEmails = ["marie@home.example"] });

        var result = await SignInAsync("marie@home.example", Password);

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
    }

    [Fact]
    public async Task A_successful_sign_in_from_a_trusted_device_with_nothing_to_reset_saves_only_the_session_it_opens()
    {
        var first = await SignInAsync("usr_jean", Password);
        var device = Assert.IsType<SignedIn.Granted>(first.Value).DeviceToken;
        var (saves, events) = (users.SaveCount, users.EventsOf("usr_jean").Count);
        time.Advance(TimeSpan.FromHours(1));

        var result = await Handler().SignInAsync(new SignInRequest("usr_jean", Password, new SignInAttempt(Portal.Employee, null), device), FromIp, CancellationToken.None);

        Assert.Equal(saves + 1, users.SaveCount);
        Assert.Equal(events + 1, users.EventsOf("usr_jean").Count);
        var started = users.EventsOf("usr_jean")[0];
        Assert.Equal(AuditAction.SessionStarted, started.Action);
        Assert.Equal(((SignedIn.Granted)result.Value).Session.Id, started.Details!["sessionId"]);
    }

    [Fact]
    public async Task A_successful_sign_in_on_a_new_device_saves_the_device_and_the_session_in_one_write_and_nothing_else()
    {
        var result = await SignInAsync("usr_jean", Password);

        Assert.Equal(1, users.SaveCount);
        Assert.Equal([AuditAction.SessionStarted, AuditAction.TrustedDeviceAdded], users.EventsOf("usr_jean").Select(e => e.Action).Order());
        Assert.NotNull(((SignedIn.Granted)result.Value).DeviceToken);
    }

    [Fact]
    public async Task An_unknown_login_gets_invalid_credentials()
    {
        var result = await SignInAsync("nobody", Password);

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
        Assert.Empty(result.Failure!.Details);
        Assert.Empty(tokens.Issued);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("   ")]
    public async Task An_unknown_login_saves_a_decoy_failure_as_a_wrong_password_saves_a_real_one(string login)
    {
        await SignInAsync(login, "wrong password");

        Assert.Equal(1, users.DecoyFailureCount);
        Assert.Equal(0, users.SaveCount);
    }

    [Fact]
    public async Task A_wrong_password_saves_the_real_failure_and_no_decoy()
    {
        await SignInAsync("usr_jean", "wrong password");

        Assert.Equal(0, users.DecoyFailureCount);
        Assert.Equal(1, users.SaveCount);
    }

    [Fact]
    public async Task An_account_awaiting_activation_saves_a_decoy_failure_since_it_has_no_real_one_to_count()
    {
        users.Add(User("usr_pending", Member("org_a", Role.Employee, "unit_1")) with { Password = null });

        var result = await SignInAsync("usr_pending", "any password at all");

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
        Assert.Equal(1, users.DecoyFailureCount);
        Assert.Equal(0, users.SaveCount);
    }

    [Fact]
    public async Task An_empty_login_gets_invalid_credentials()
    {
        Assert.Equal(ErrorCode.InvalidCredentials, (await SignInAsync("   ", Password)).Failure?.Code);
    }

    [Fact]
    public async Task A_wrong_password_gets_invalid_credentials_like_an_unknown_login()
    {
        var wrong = await SignInAsync("usr_jean", "wrong password");
        var unknown = await SignInAsync("nobody", "wrong password");

        Assert.Equal(ErrorCode.InvalidCredentials, wrong.Failure?.Code);
        Assert.Equal(unknown.Failure!.Code, wrong.Failure!.Code);
        Assert.Equal(unknown.Failure.Details, wrong.Failure.Details);
        Assert.Empty(tokens.Issued);
    }

    [Fact]
    public async Task A_wrong_password_is_counted_and_saved_with_an_audit_event_carrying_the_ip()
    {
        await SignInAsync("usr_jean", "wrong password");

        Assert.Equal(new FailedAttempts(1, Start, "203.0.113.7"), users["usr_jean"].FailedAttempts);
        var failed = Assert.Single(users.EventsOf("usr_jean"));
        Assert.Equal(AuditAction.SignInFailed, failed.Action);
        Assert.Equal("203.0.113.7", failed.Ip);
        Assert.Equal(Actor.Anonymous, failed.Actor);
    }

    [Fact]
    public async Task Wrong_password_on_the_sixth_attempt_deactivates_the_account()
    {
        await FailTimesAsync(5);
        Assert.Null(users["usr_jean"].Deactivation);

        await FailTimesAsync(1);

        var user = users["usr_jean"];
        Assert.Equal(DeactivationReason.TooManyAttempts, user.Deactivation?.Reason);
        Assert.Null(user.Deactivation!.Until);
        Assert.Equal(AuditAction.Deactivated, users.EventsOf("usr_jean")[0].Action);
    }

    [Fact]
    public async Task The_organizations_max_failed_attempts_sets_when_the_lock_comes()
    {
        organizations.Add(Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 3, LockoutMinutes = 30 }));

        await FailTimesAsync(3);

        Assert.Equal(time.GetUtcNow().AddSeconds(-5).AddMinutes(30), users["usr_jean"].Deactivation?.Until);
    }

    [Fact]
    public async Task The_lockout_duration_override_shortens_a_timed_lock()
    {
        organizations.Add(Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 1, LockoutMinutes = 30 }));
        var handler = Handler(lockoutSettings: new LockoutSettings { DurationOverride = TimeSpan.FromSeconds(3) });

        await SignInAsync("usr_jean", "wrong password", handler: handler);

        Assert.Equal(Start.AddSeconds(3), users["usr_jean"].Deactivation?.Until);
    }

    [Fact]
    public async Task A_wrong_password_on_a_locked_account_reveals_nothing()
    {
        await FailTimesAsync(6);

        var result = await SignInAsync("usr_jean", "still wrong");

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
        Assert.Empty(result.Failure!.Details);
    }

    [Fact]
    public async Task The_right_password_on_a_locked_account_gets_the_wrong_passwords_answer()
    {
        await FailTimesAsync(6);

        var right = await SignInAsync("usr_jean", Password);
        var wrong = await SignInAsync("usr_jean", "still wrong");

        Assert.Equal(ErrorCode.InvalidCredentials, right.Failure?.Code);
        Assert.Equal(wrong.Failure, right.Failure);
        Assert.Empty(tokens.Issued);
    }

    [Fact]
    public async Task Passwords_tried_on_a_locked_account_are_neither_checked_nor_counted()
    {
        await FailTimesAsync(6);
        var eventsBefore = users.EventsOf("usr_jean").Count;

        await SignInAsync("usr_jean", Password);
        await SignInAsync("usr_jean", "still wrong");

        var user = users["usr_jean"];
        Assert.Equal(6, user.FailedAttempts.Count);
        Assert.NotNull(user.Deactivation);
        Assert.Equal(eventsBefore, users.EventsOf("usr_jean").Count);
        Assert.Equal(2, users.DecoyFailureCount);
    }

    [Fact]
    public async Task The_right_password_after_a_timed_lock_ended_signs_in_and_closes_the_lock()
    {
        organizations.Add(Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 2, LockoutMinutes = 30 }));
        await FailTimesAsync(2);
        time.Advance(TimeSpan.FromMinutes(30));

        var result = await SignInAsync("usr_jean", Password);

        Assert.True(result.Succeeded);
        Assert.Null(users["usr_jean"].Deactivation);
        Assert.Contains(users.EventsOf("usr_jean"), e => e.Action == AuditAction.LockExpired);
    }

    [Fact]
    public async Task The_right_password_resets_an_earlier_count()
    {
        await FailTimesAsync(3);

        var result = await SignInAsync("usr_jean", Password);

        Assert.True(result.Succeeded);
        Assert.Equal(0, users["usr_jean"].FailedAttempts.Count);
    }

    [Fact]
    public async Task A_user_pending_activation_gets_invalid_credentials()
    {
        users.Add(User("usr_new", Member("org_a", Role.Employee, "unit_1")) with { Password = null });

        var result = await SignInAsync("usr_new", "");

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
        Assert.Empty(tokens.Issued);
    }

    [Fact]
    public async Task The_right_password_on_the_wrong_portal_is_told_which_portal_to_use()
    {
        var result = await SignInAsync("usr_jean", Password, Portal.Management);

        Assert.Equal(ErrorCode.WrongPortal, result.Failure?.Code);
        Assert.Equal(Portal.Employee, result.Failure!.Details["expectedPortal"]);
    }

    [Fact]
    public async Task An_old_hash_is_upgraded_at_sign_in()
    {
        var oldHash = users["usr_jean"].Password!.Hash;
        var stronger = new PasswordHashing(2000);

        var result = await SignInAsync("usr_jean", Password, handler: Handler(stronger));

        Assert.True(result.Succeeded);
        var newHash = users["usr_jean"].Password!.Hash;
        Assert.NotEqual(oldHash, newHash);
        Assert.Equal(PasswordCheck.Correct, stronger.Verify(newHash, Password));
        var rehashed = Assert.Single(users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasswordRehashed);
        Assert.Equal("203.0.113.7", rehashed.Ip);
    }

    [Fact]
    public async Task Upgrading_the_hash_keeps_when_the_password_was_set()
    {
        await SignInAsync("usr_jean", Password, handler: Handler(new PasswordHashing(2000)));

        Assert.Equal(Start, users["usr_jean"].Password!.ChangedAt);
        Assert.False(users["usr_jean"].Password!.Temporary);
    }

    [Fact]
    public async Task A_password_changed_while_the_hash_was_upgraded_is_not_overwritten()
    {
        var changedHash = Hashing.Hash("a-brand-new-passphrase");
        users.BeforeNextSave(() =>
        {
            var stored = users.GetAsync("usr_jean", CancellationToken.None).Result!;
            var changed = stored.Value with { Password = new StoredPassword(changedHash, Start, Temporary: false) };
            users.SaveAsync(stored, changed, [], CancellationToken.None).Wait();
        });

        await time.AdvanceUntilDoneAsync(SignInAsync("usr_jean", Password, handler: Handler(new PasswordHashing(2000))));

        Assert.Equal(changedHash, users["usr_jean"].Password!.Hash);
        Assert.DoesNotContain(users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasswordRehashed);
    }

    [Fact]
    public async Task The_right_password_during_a_timed_lock_gets_the_wrong_passwords_answer()
    {
        organizations.Add(Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 1, LockoutMinutes = 30 }));
        await SignInAsync("usr_jean", "wrong password");
        time.Advance(TimeSpan.FromMinutes(10));

        var result = await SignInAsync("usr_jean", Password);

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
        Assert.Empty(result.Failure!.Details);
    }

    [Fact]
    public async Task A_wrong_password_never_upgrades_the_hash()
    {
        var oldHash = users["usr_jean"].Password!.Hash;

        await SignInAsync("usr_jean", "wrong password", handler: Handler(new PasswordHashing(2000)));

        Assert.Equal(oldHash, users["usr_jean"].Password!.Hash);
    }

    [Fact]
    public async Task A_save_that_loses_a_race_is_retried_and_no_failure_is_lost()
    {
        // Another request's wrong password is committed between this request's read and its save.
        users.BeforeNextSave(() =>
        {
            var stored = users.GetAsync("usr_jean", CancellationToken.None).Result!;
            var (counted, events) = Lockout.RegisterFailure(stored.Value, new LockoutPolicy(6, null), FromIp, time.GetUtcNow());
            users.SaveAsync(stored, counted, events, CancellationToken.None).Wait();
        });

        var result = await time.AdvanceUntilDoneAsync(SignInAsync("usr_jean", "wrong password"));

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
        Assert.Equal(1, users.ConflictCount);
        Assert.Equal(2, users["usr_jean"].FailedAttempts.Count);
        Assert.Equal(2, users.EventsOf("usr_jean").Count(e => e.Action == AuditAction.SignInFailed));
    }

    [Fact]
    public async Task A_reset_that_loses_a_race_is_retried_and_still_signs_in()
    {
        await FailTimesAsync(2);
        users.BeforeNextSave(() =>
        {
            var stored = users.GetAsync("usr_jean", CancellationToken.None).Result!;
            var (counted, events) = Lockout.RegisterFailure(stored.Value, new LockoutPolicy(6, null), FromIp, time.GetUtcNow());
            users.SaveAsync(stored, counted, events, CancellationToken.None).Wait();
        });

        var result = await time.AdvanceUntilDoneAsync(SignInAsync("usr_jean", Password));

        Assert.True(result.Succeeded);
        Assert.Equal(1, users.ConflictCount);
        Assert.Equal(0, users["usr_jean"].FailedAttempts.Count);
        Assert.Equal(3, users.EventsOf("usr_jean").Count(e => e.Action == AuditAction.SignInFailed));
    }

    [Fact]
    public async Task A_support_account_without_a_second_factor_must_set_one_up_before_acting_as_an_operator()
    {
        AddSupportAccount("usr_sam", [Permission.Support], secondFactor: false);

        var result = await SignInAsync("usr_sam", Password, Portal.Management, Handler(supportTeam: Support));

        var enrolment = Assert.IsType<SignedIn.TwoFactorEnrollmentRequired>(result.Value);
        Assert.True(enrolment.Grant.AsOperator);
        Assert.Empty(tokens.Issued);
    }

    [Fact]
    public async Task A_support_account_with_a_second_factor_is_challenged_for_it()
    {
        AddSupportAccount("usr_sam", [Permission.Support], secondFactor: true);

        var result = await SignInAsync("usr_sam", Password, Portal.Management, Handler(supportTeam: Support));

        Assert.IsType<SignedIn.TwoFactorRequired>(result.Value);
    }

    [Fact]
    public async Task An_administrator_of_the_support_organization_without_the_permission_signs_in_as_an_administrator()
    {
        AddSupportAccount("usr_ada", [], secondFactor: false);

        var result = await SignInAsync("usr_ada", Password, Portal.Management, Handler(supportTeam: Support));

        var granted = Assert.IsType<SignedIn.Granted>(result.Value);
        Assert.False(granted.Grant.AsOperator);
        Assert.Equal(Role.Administrator, granted.Grant.Role);
    }

    [Fact]
    public async Task Without_a_support_organization_configured_nobody_signs_in_as_an_operator()
    {
        AddSupportAccount("usr_sam", [Permission.Support], secondFactor: false);

        var result = await SignInAsync("usr_sam", Password, Portal.Management, Handler(supportTeam: new SupportTeam()));

        Assert.False(Assert.IsType<SignedIn.Granted>(result.Value).Grant.AsOperator);
    }
}
