using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

public class PasswordChangeTests
{
    private const string Current = "violet-harbour-42";
    private const string Next = "amber-lighthouse-77";

    private static readonly SignInAttempt EmployeePortal = new(Portal.Employee, null);
    private static readonly SignInAttempt ClientPortal = new(Portal.Client, null);

    private readonly PasswordLifecycle world = new();
    private readonly User jean;

    public PasswordChangeTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.Organizations.Add(Organization("org_b"));
        jean = world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Current);
    }

    private Task<Result> ChangeOwnAsync(string current, string next) =>
        world.Change.ChangeOwnAsync("usr_jean", current, next, ContextOf(SignedIn(jean)), CancellationToken.None);

    private Task<Result<SignedIn>> SignInAsync(string login, string password, SignInAttempt? attempt = null) =>
        world.SignIn.SignInAsync(new SignInRequest(login, password, attempt ?? EmployeePortal), FromIp, CancellationToken.None);

    private static string[] Violations(Result result) => (string[])result.Failure!.Details["violations"]!;

    [Fact]
    public async Task A_password_set_by_an_administrator_ends_every_trusted_device_and_the_holders_own_change_keeps_them()
    {
        var device = Assert.IsType<SignedIn.Granted>((await SignInAsync("usr_jean", Current)).Value).DeviceToken;
        Assert.True((await ChangeOwnAsync(Current, "copper-meadow-31")).Succeeded);
        Assert.NotNull(AccountAccess.Core.Devices.TrustedDevices.Recognize(world.Users["usr_jean"], device, world.Time.GetUtcNow()));

        await world.Change.SetForUserAsync(Caller.Operator.Instance, "usr_jean", Next, ContextOf(Caller.Operator.Instance), CancellationToken.None);

        Assert.Null(AccountAccess.Core.Devices.TrustedDevices.Recognize(world.Users["usr_jean"], device, world.Time.GetUtcNow()));
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e is { Action: AuditAction.TrustedDeviceRevoked, Reason: "password_set_by_administrator" });
    }

    [Fact]
    public async Task The_owner_changes_the_password_with_the_current_one()
    {
        var result = await ChangeOwnAsync(Current, Next);

        Assert.True(result.Succeeded);
        var stored = world.Users["usr_jean"];
        Assert.Equal(PasswordCheck.Correct, PasswordLifecycle.Hashing.Verify(stored.Password!.Hash, Next));
        Assert.False(stored.Password.Temporary);
        Assert.NotEqual(jean.SecurityStamp, stored.SecurityStamp);
        var changed = world.Users.EventsOf("usr_jean").Single(e => e.Action == AuditAction.PasswordChanged);
        Assert.Equal("self", changed.Reason);
        Assert.True((await SignInAsync("usr_jean", Next)).Succeeded);
        Assert.Equal(ErrorCode.InvalidCredentials, (await SignInAsync("usr_jean", Current)).Failure?.Code);
    }

    [Fact]
    public async Task Changing_the_password_ends_a_reset_link_asked_for_before()
    {
        await world.Reset.ForgotAsync("usr_jean", FromIp, CancellationToken.None);
        var token = world.LastTokenSentTo(jean.Email!);

        Assert.True((await ChangeOwnAsync(Current, Next)).Succeeded);

        var reset = await world.Reset.ResetAsync(token, "coral-meadow-2031", FromIp, CancellationToken.None);
        Assert.Equal(ErrorCode.ResetLinkInvalid, reset.Failure?.Code);
        Assert.Equal(ResetLinkProblem.Superseded, reset.Failure!.Details["reason"]);
        Assert.Equal(ResetLinkSupersededBy.PasswordChange, world.Users["usr_jean"].ResetLinks.Single().SupersededBy);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.ResetLinkSuperseded && e.Reason == "password_changed");
        Assert.True((await SignInAsync("usr_jean", Next)).Succeeded);
    }

    [Fact]
    public async Task A_password_set_by_an_administrator_or_a_temporary_one_ends_pending_links_too()
    {
        await world.Reset.ForgotAsync("usr_jean", FromIp, CancellationToken.None);
        var first = world.LastTokenSentTo(jean.Email!);
        await world.Change.SetForUserAsync(Caller.Operator.Instance, "usr_jean", Next, ContextOf(Caller.Operator.Instance), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.Reset.ForgotAsync("usr_jean", FromIp, CancellationToken.None);
        var second = world.LastTokenSentTo(jean.Email!);
        await world.Change.IssueTemporaryAsync(Caller.Operator.Instance, "usr_jean", ContextOf(Caller.Operator.Instance), CancellationToken.None);

        foreach (var token in new[] { first, second })
        {
            Assert.Equal(ErrorCode.ResetLinkInvalid, (await world.Reset.ResetAsync(token, "coral-meadow-2031", FromIp, CancellationToken.None)).Failure?.Code);
        }

        Assert.All(world.Users["usr_jean"].ResetLinks, l => Assert.Equal(ResetLinkSupersededBy.PasswordChange, l.SupersededBy));
    }

    [Fact]
    public async Task A_wrong_current_password_is_invalid_credentials_counted_as_a_failed_attempt()
    {
        var result = await ChangeOwnAsync("not-my-password", Next);

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
        var stored = world.Users["usr_jean"];
        Assert.Equal(PasswordCheck.Correct, PasswordLifecycle.Hashing.Verify(stored.Password!.Hash, Current));
        Assert.Equal(1, stored.FailedAttempts.Count);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SignInFailed);
    }

    [Fact]
    public async Task Guessing_the_current_password_locks_the_account_like_wrong_sign_ins()
    {
        for (var i = 0; i < OrganizationPolicy.Default.MaxFailedAttempts; i++)
        {
            await ChangeOwnAsync($"guess-{i}", Next);
        }

        Assert.Equal(DeactivationReason.TooManyAttempts, world.Users["usr_jean"].Deactivation?.Reason);
    }

    [Fact]
    public async Task A_new_password_against_the_policy_is_refused_with_every_violation()
    {
        var result = await ChangeOwnAsync(Current, "usr_jean");

        Assert.Equal(ErrorCode.PasswordPolicy, result.Failure?.Code);
        Assert.Equal(["too_short", "contains_username"], Violations(result));
        Assert.Equal(12, result.Failure!.Details["minLength"]);
    }

    [Fact]
    public async Task A_common_password_is_refused()
    {
        Assert.Equal(["common"], Violations(await ChangeOwnAsync(Current, "PASSWORD1234")));
    }

    [Fact]
    public async Task The_last_four_passwords_are_refused_as_reused_and_the_fifth_is_accepted()
    {
        string[] passwords = ["first-passphrase-1", "second-passphrase-2", "third-passphrase-3", "fourth-passphrase-4"];
        var current = Current;
        foreach (var password in passwords)
        {
            Assert.True((await ChangeOwnAsync(current, password)).Succeeded);
            current = password;
        }

        foreach (var recent in passwords)
        {
            Assert.Equal(["reused"], Violations(await ChangeOwnAsync(current, recent)));
        }

        Assert.True((await ChangeOwnAsync(current, Current)).Succeeded);
    }

    [Fact]
    public async Task The_history_length_comes_from_the_policy()
    {
        world.Organizations.Add(Organization("org_a", OrganizationPolicy.Default with { PasswordHistory = 2 }));
        Assert.True((await ChangeOwnAsync(Current, "first-passphrase-1")).Succeeded);
        Assert.True((await ChangeOwnAsync("first-passphrase-1", "second-passphrase-2")).Succeeded);

        Assert.Equal(["reused"], Violations(await ChangeOwnAsync("second-passphrase-2", "first-passphrase-1")));
        Assert.True((await ChangeOwnAsync("second-passphrase-2", Current)).Succeeded);
    }

    [Fact]
    public async Task The_history_keeps_at_most_24_passwords_newest_first()
    {
        var old = Enumerable.Range(0, 24).Select(i => PasswordLifecycle.Hashing.Hash($"old-passphrase-{i}")).ToList();
        world.Users.Add(world.Users["usr_jean"] with { PasswordHistory = old });

        await ChangeOwnAsync(Current, Next);

        var history = world.Users["usr_jean"].PasswordHistory;
        Assert.Equal(24, history.Count);
        Assert.Equal(jean.Password!.Hash, history[0]);
        Assert.Equal(old[22], history[^1]);
    }

    [Fact]
    public async Task A_password_set_by_an_administrator_is_temporary_and_must_be_changed_at_sign_in()
    {
        var result = await world.Change.SetForUserAsync(Caller.Operator.Instance, "usr_jean", Next, ContextOf(Caller.Operator.Instance), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(world.Users["usr_jean"].Password!.Temporary);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasswordSetByAdministrator && e.Actor == Actor.Operator);
        var signIn = await SignInAsync("usr_jean", Next);
        Assert.Equal(PasswordChangeReason.Temporary, signIn.Value.ChangeRequired);
        Assert.Null(signIn.Value.Token);
        Assert.NotNull(signIn.Value.ChangeToken);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_may_not_set_the_password()
    {
        var outsider = world.AddUser(User("usr_admin_b", Member("org_b", Role.Administrator)), Current);

        var result = await world.Change.SetForUserAsync(SignedIn(outsider), "usr_jean", Next, ContextOf(SignedIn(outsider)), CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.False(world.Users["usr_jean"].Password!.Temporary);
    }

    [Fact]
    public async Task The_change_token_flow_replaces_a_temporary_password_and_signs_in()
    {
        await world.Change.SetForUserAsync(Caller.Operator.Instance, "usr_jean", Next, ContextOf(Caller.Operator.Instance), CancellationToken.None);
        var stamp = CredentialVersion.Of(world.Users["usr_jean"]);

        var result = await world.Change.ChangeWithTokenAsync("usr_jean", stamp, EmployeePortal, "my-own-choice-2026", FromIp, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value.ChangeRequired);
        Assert.NotNull(result.Value.Token);
        Assert.False(world.Users["usr_jean"].Password!.Temporary);
        Assert.Equal("change_required", world.Users.EventsOf("usr_jean").First(e => e.Action == AuditAction.PasswordChanged).Reason);
    }

    [Fact]
    public async Task A_change_token_is_void_once_the_password_has_changed()
    {
        var stamp = CredentialVersion.Of(world.Users["usr_jean"]);
        await world.Change.ChangeWithTokenAsync("usr_jean", stamp, EmployeePortal, Next, FromIp, CancellationToken.None);

        var again = await world.Change.ChangeWithTokenAsync("usr_jean", stamp, EmployeePortal, "yet-another-choice-5", FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.Unauthorized, again.Failure?.Code);
    }

    [Fact]
    public async Task The_temporary_password_cannot_be_kept_through_the_change_token_flow()
    {
        await world.Change.SetForUserAsync(Caller.Operator.Instance, "usr_jean", Next, ContextOf(Caller.Operator.Instance), CancellationToken.None);

        var result = await world.Change.ChangeWithTokenAsync("usr_jean", CredentialVersion.Of(world.Users["usr_jean"]), EmployeePortal, Next, FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.PasswordPolicy, result.Failure?.Code);
    }

    [Fact]
    public async Task A_temporary_password_for_a_client_signs_in_with_a_change_required()
    {
        world.AddUser(User("usr_client", Member("org_a", Role.Client)), Current);

        var issued = await world.Change.IssueTemporaryAsync(Caller.Operator.Instance, "usr_client", ContextOf(Caller.Operator.Instance), CancellationToken.None);

        Assert.True(issued.Succeeded);
        Assert.True(issued.Value.Length >= 16);
        Assert.Empty(PasswordRules.Check(issued.Value, "usr_client", 12));
        Assert.True(world.Users["usr_client"].Password!.Temporary);
        Assert.Contains(world.Users.EventsOf("usr_client"), e => e.Action == AuditAction.TemporaryPasswordIssued);
        var signIn = await SignInAsync("usr_client", issued.Value, ClientPortal);
        Assert.Equal(PasswordChangeReason.Temporary, signIn.Value.ChangeRequired);
    }

    [Fact]
    public async Task A_temporary_password_is_refused_for_a_client_of_two_organizations()
    {
        var client = world.AddUser(User("usr_client", Member("org_a", Role.Client), Member("org_b", Role.Client)), Current);

        var issued = await world.Change.IssueTemporaryAsync(Caller.Operator.Instance, "usr_client", ContextOf(Caller.Operator.Instance), CancellationToken.None);

        Assert.Equal(ErrorCode.MultipleOrganizations, issued.Failure?.Code);
        Assert.Equal(2, issued.Failure!.Details["organizations"]);
        Assert.Equal(client.Password, world.Users["usr_client"].Password);
        Assert.Equal(0, world.Users.SaveCount);
    }

    [Fact]
    public async Task A_client_of_one_organization_who_is_staff_of_another_may_get_a_temporary_password()
    {
        world.AddUser(User("usr_mixed", Member("org_a", Role.Client), Member("org_b", Role.Employee, "unit_9")), Current);

        var issued = await world.Change.IssueTemporaryAsync(Caller.Operator.Instance, "usr_mixed", ContextOf(Caller.Operator.Instance), CancellationToken.None);

        Assert.True(issued.Succeeded);
    }

    [Fact]
    public async Task An_expired_password_is_replaced_through_the_change_token_flow()
    {
        world.Users.Add(world.Users["usr_jean"] with { Password = world.Users["usr_jean"].Password! with { ExpiredAt = Start } });
        var signIn = await SignInAsync("usr_jean", Current);
        Assert.Equal(PasswordChangeReason.Expired, signIn.Value.ChangeRequired);

        var changed = await world.Change.ChangeWithTokenAsync("usr_jean", CredentialVersion.Of(signIn.Value.User), EmployeePortal, Next, FromIp, CancellationToken.None);

        Assert.NotNull(changed.Value.Token);
        Assert.Null(world.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task A_password_change_restarts_rotation_and_the_old_password_is_never_reminded()
    {
        await world.Rotations.TrackAsync(jean.Id, jean.Password!.ChangedAt, CancellationToken.None);
        await world.AdvanceAsync(TimeSpan.FromDays(10));

        await ChangeOwnAsync(Current, Next);

        var after = world.RotationInstance("usr_jean")!;
        Assert.Equal(Start + TimeSpan.FromDays(10), after.ChangedAt);
        Assert.Equal(Start + TimeSpan.FromDays(10 + 90 - 7), after.DueAt);
        await world.AdvanceAsync(TimeSpan.FromDays(73));
        Assert.Empty(Reminders());
        await world.AdvanceAsync(TimeSpan.FromDays(10));
        Assert.Single(Reminders());

        IEnumerable<Core.Notifications.EmailMessage> Reminders() => world.Email.Sent.Where(m => m.Subject == "Your password expires soon");
    }

    [Fact]
    public async Task An_administrator_set_password_also_restarts_rotation()
    {
        await world.Rotations.TrackAsync(jean.Id, jean.Password!.ChangedAt, CancellationToken.None);
        world.Time.Advance(TimeSpan.FromHours(1));

        await world.Change.SetForUserAsync(Caller.Operator.Instance, "usr_jean", Next, ContextOf(Caller.Operator.Instance), CancellationToken.None);

        Assert.Equal(2, world.Rotations.Starts["usr_jean"]);
        Assert.Equal(Start + TimeSpan.FromHours(1), world.RotationInstance("usr_jean")!.ChangedAt);
        Assert.True(world.RotationInstance("usr_jean")!.Running);
    }
}
