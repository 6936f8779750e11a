using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

public class PasswordResetTests
{
    private const string OldPassword = "violet-harbour-42";
    private const string NewPassword = "amber-lighthouse-77";

    private readonly PasswordLifecycle world = new();
    private readonly User jean;

    public PasswordResetTests()
    {
        world.Organizations.Add(Organization("org_a"));
        jean = world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), OldPassword);
    }

    private Task ForgotAsync(string login) => world.Reset.ForgotAsync(login, FromIp, CancellationToken.None);

    private Task<Result<User>> ResetAsync(string token, string newPassword = NewPassword) =>
        world.Reset.ResetAsync(token, newPassword, FromIp, CancellationToken.None);

    private static void ShouldBeInvalidLink(Result<User> result, ResetLinkProblem reason)
    {
        Assert.Equal(ErrorCode.ResetLinkInvalid, result.Failure?.Code);
        Assert.Equal(reason, result.Failure!.Details["reason"]);
    }

    [Fact]
    public async Task A_reset_ends_every_trusted_device()
    {
        var signedIn = await world.SignIn.SignInAsync(new SignInRequest("usr_jean", OldPassword, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);
        var device = Assert.IsType<SignedIn.Granted>(signedIn.Value).DeviceToken;
        await ForgotAsync("usr_jean");

        await ResetAsync(world.LastTokenSentTo("usr_jean@example.com"));

        Assert.Null(AccountAccess.Core.Devices.TrustedDevices.Recognize(world.Users["usr_jean"], device, world.Time.GetUtcNow()));
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e is { Action: AuditAction.TrustedDeviceRevoked, Reason: "password_reset" });
    }

    [Fact]
    public async Task Forgot_password_emails_the_full_reset_link_to_the_main_email()
    {
        await ForgotAsync("USR_JEAN ");

        var email = Assert.Single(world.Email.Sent);
        Assert.Equal("usr_jean@example.com", email.To);
        Assert.Matches(@"http://localhost:7071/reset-password\?token=usr_jean\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}", email.TextBody);
        Assert.Equal(new ForgotPasswordOutcome(Start, true, null) { EmailedAt = Start }, world.Users["usr_jean"].LastForgotPassword);
    }

    [Fact]
    public async Task The_email_says_until_when_the_link_works()
    {
        await ForgotAsync("usr_jean");

        Assert.Contains("until March 11, 2026 at 12:00 (UTC)", world.Email.Sent.Single().TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_speaker_gets_the_email_in_french()
    {
        world.AddUser(User("usr_marie", Member("org_a", Role.Employee, "unit_1")) with { Locale = Locale.Fr }, OldPassword);

        await ForgotAsync("usr_marie");

        var email = Assert.Single(world.Email.Sent);
        Assert.Equal("Réinitialisez votre mot de passe", email.Subject);
        Assert.Contains("jusqu'au 11 mars 2026 à 12:00 (UTC)", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_sets_the_new_password_once()
    {
        await ForgotAsync("usr_jean");
        var token = world.LastTokenSentTo(jean.Email!);

        var result = await ResetAsync(token);

        Assert.True(result.Succeeded);
        var stored = world.Users["usr_jean"];
        Assert.Equal(PasswordCheck.Correct, PasswordLifecycle.Hashing.Verify(stored.Password!.Hash, NewPassword));
        Assert.False(stored.Password.Temporary);
        Assert.NotEqual(jean.SecurityStamp, stored.SecurityStamp);
        Assert.Equal(jean.Password!.Hash, stored.PasswordHistory[0]);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasswordReset && e.Reason == "reset");
    }

    [Fact]
    public async Task The_same_link_a_second_time_is_used()
    {
        await ForgotAsync("usr_jean");
        var token = world.LastTokenSentTo(jean.Email!);
        await ResetAsync(token);

        ShouldBeInvalidLink(await ResetAsync(token, "another-fine-phrase-9"), ResetLinkProblem.Used);
    }

    [Fact]
    public async Task Only_the_latest_link_works_an_earlier_one_is_superseded()
    {
        await ForgotAsync("usr_jean");
        var first = world.LastTokenSentTo(jean.Email!);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await ForgotAsync("usr_jean");
        var second = world.LastTokenSentTo(jean.Email!);

        ShouldBeInvalidLink(await ResetAsync(first), ResetLinkProblem.Superseded);
        Assert.True((await ResetAsync(second)).Succeeded);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.ResetLinkSuperseded);
    }

    [Fact]
    public async Task A_link_works_until_just_before_24_hours()
    {
        await ForgotAsync("usr_jean");
        var token = world.LastTokenSentTo(jean.Email!);

        world.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));

        Assert.True((await ResetAsync(token)).Succeeded);
    }

    [Fact]
    public async Task A_link_is_expired_after_24_hours()
    {
        await ForgotAsync("usr_jean");
        var token = world.LastTokenSentTo(jean.Email!);

        await world.AdvanceAsync(TimeSpan.FromHours(24));

        ShouldBeInvalidLink(await ResetAsync(token), ResetLinkProblem.Expired);
        Assert.Equal(PasswordCheck.Correct, PasswordLifecycle.Hashing.Verify(world.Users["usr_jean"].Password!.Hash, OldPassword));
    }

    [Fact]
    public async Task The_link_lifetime_comes_from_the_settings()
    {
        var shortLived = new PasswordLifecycle(new PasswordSettings { ResetLinkLifetime = TimeSpan.FromSeconds(3) });
        shortLived.Organizations.Add(Organization("org_a"));
        shortLived.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), OldPassword);
        await shortLived.Reset.ForgotAsync("usr_jean", FromIp, CancellationToken.None);
        var token = shortLived.LastTokenSentTo("usr_jean@example.com");

        shortLived.Time.Advance(TimeSpan.FromSeconds(3));

        ShouldBeInvalidLink(await shortLived.Reset.ResetAsync(token, NewPassword, FromIp, CancellationToken.None), ResetLinkProblem.Expired);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("usr_jean..secret")]
    [InlineData("usr_nobody.0123456789abcdef.c2VjcmV0")]
    public async Task A_token_we_did_not_issue_is_unknown(string token)
    {
        await ForgotAsync("usr_jean");

        ShouldBeInvalidLink(await ResetAsync(token), ResetLinkProblem.Unknown);
    }

    [Fact]
    public async Task A_token_with_a_tampered_secret_is_unknown()
    {
        await ForgotAsync("usr_jean");
        var token = world.LastTokenSentTo(jean.Email!);
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        ShouldBeInvalidLink(await ResetAsync(tampered), ResetLinkProblem.Unknown);
        Assert.True((await ResetAsync(token)).Succeeded);
    }

    [Fact]
    public async Task A_token_with_another_link_id_is_unknown()
    {
        await ForgotAsync("usr_jean");
        var parts = world.LastTokenSentTo(jean.Email!).Split('.');

        ShouldBeInvalidLink(await ResetAsync($"{parts[0]}.ffffffffffffffff.{parts[2]}"), ResetLinkProblem.Unknown);
    }

    [Fact]
    public async Task A_token_of_one_user_does_not_work_for_another()
    {
        world.AddUser(User("usr_marie", Member("org_a", Role.Employee, "unit_1")), OldPassword);
        await ForgotAsync("usr_jean");
        var parts = world.LastTokenSentTo(jean.Email!).Split('.');

        ShouldBeInvalidLink(await ResetAsync($"usr_marie.{parts[1]}.{parts[2]}"), ResetLinkProblem.Unknown);
    }

    [Fact]
    public async Task A_new_password_against_the_policy_is_refused_and_the_link_still_works()
    {
        await ForgotAsync("usr_jean");
        var token = world.LastTokenSentTo(jean.Email!);

        var refused = await ResetAsync(token, "zq-7-xw");

        Assert.Equal(ErrorCode.PasswordPolicy, refused.Failure?.Code);
        Assert.Equal(["too_short"], (string[])refused.Failure!.Details["violations"]!);
        Assert.True((await ResetAsync(token)).Succeeded);
    }

    [Fact]
    public async Task The_current_password_cannot_be_chosen_again_through_a_link()
    {
        await ForgotAsync("usr_jean");

        var refused = await ResetAsync(world.LastTokenSentTo(jean.Email!), OldPassword);

        Assert.Equal(["reused"], (string[])refused.Failure!.Details["violations"]!);
    }

    [Fact]
    public async Task A_reset_clears_failed_attempts_and_restarts_rotation()
    {
        world.Users.Add(world.Users["usr_jean"] with { FailedAttempts = new FailedAttempts(3, Start, "203.0.113.9") });
        await ForgotAsync("usr_jean");
        world.Time.Advance(TimeSpan.FromMinutes(5));

        await ResetAsync(world.LastTokenSentTo(jean.Email!));

        Assert.Equal(FailedAttempts.None, world.Users["usr_jean"].FailedAttempts);
        var rotation = world.RotationInstance("usr_jean");
        Assert.True(rotation!.Running);
        Assert.Equal(Start + TimeSpan.FromMinutes(5) + TimeSpan.FromDays(90) - TimeSpan.FromDays(7), rotation.DueAt);
    }

    [Fact]
    public async Task An_unknown_login_sends_nothing_and_records_nothing()
    {
        await ForgotAsync("nobody@example.com");
        await ForgotAsync("   ");

        Assert.Empty(world.Email.Sent);
        Assert.Equal(0, world.Users.SaveCount);
    }

    public static TheoryData<string, Func<User, User>, ForgotPasswordRefusal> Refusals => new()
    {
        { "invisible", u => u with { Visible = false }, ForgotPasswordRefusal.Invisible },
        { "departed", u => u with { DepartureDate = new DateOnly(2026, 2, 28) }, ForgotPasswordRefusal.Departed },
        { "departing", u => u with { DepartureDate = new DateOnly(2026, 6, 30) }, ForgotPasswordRefusal.Departed },
        { "no_email", u => u with { Email = null, Phone = "+15145550100" }, ForgotPasswordRefusal.NoEmail },
        { "merged", u => u with { Deactivation = new Deactivation(DeactivationReason.Merged, Start, null, Actor.Operator) }, ForgotPasswordRefusal.Merged },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_request_sends_nothing_and_records_why(string _, Func<User, User> arrange, ForgotPasswordRefusal refusal)
    {
        world.Users.Add(arrange(User("usr_paul", Member("org_a", Role.Employee, "unit_1"))));

        await ForgotAsync("usr_paul");

        Assert.Empty(world.Email.Sent);
        var stored = world.Users["usr_paul"];
        Assert.Equal(new ForgotPasswordOutcome(Start, false, refusal), stored.LastForgotPassword);
        Assert.Empty(stored.ResetLinks);
        var recorded = Assert.Single(world.Users.EventsOf("usr_paul"));
        Assert.Equal(AuditAction.ForgotPasswordRefused, recorded.Action);
        Assert.Equal(refusal.ToSnakeCase(), recorded.Reason);
        Assert.Equal(FromIp.Ip, recorded.Ip);
        Assert.Null(world.Links.Tracked("usr_paul"));
    }

    [Fact]
    public async Task Nothing_secret_is_kept_on_the_account_or_in_the_trail()
    {
        await ForgotAsync("usr_jean");
        var token = world.LastTokenSentTo(jean.Email!);
        var secret = token.Split('.')[2];

        var link = Assert.Single(world.Users["usr_jean"].ResetLinks);
        Assert.DoesNotContain(secret, link.SecretHash, StringComparison.Ordinal);
        Assert.All(world.Users.EventsOf("usr_jean"), e => Assert.DoesNotContain(secret, string.Join(",", e.Details?.Values ?? []), StringComparison.Ordinal));
    }
}
