using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.WelcomeKits;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.WelcomeKits;

public sealed class WelcomeKitSenderTests
{
    private const string FirstPassword = "Amber-Lighthouse-77";

    private readonly WelcomeKitWorld world = new();
    private readonly User administrator;

    public WelcomeKitSenderTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.Organizations.Add(Organization("org_b"));
        administrator = world.AddActive("usr_admin", Member("org_a", Role.Administrator));
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
    }

    private static Caller Operator => Caller.Operator.Instance;

    private Task<Result<WelcomeKitOutcome>> SendOneAsync(string userId = "usr_new", Caller? caller = null) =>
        world.Sender.SendOneAsync(caller ?? Operator, userId, ContextOf(caller ?? Operator), CancellationToken.None);

    private WelcomeKitRequest BatchRequest(string requestId = "req_batch", DateTimeOffset? at = null) =>
        new(requestId, "usr_new", WelcomeKitTrigger.Batch, at ?? world.Time.GetUtcNow(), RequestContext.System, "org_a");

    private IReadOnlyList<AuditEvent> Events(AuditAction action, string userId = "usr_new") =>
        world.Users.EventsOf(userId).Where(e => e.Action == action).ToList();

    [Fact]
    public async Task One_click_emails_the_username_the_portal_and_the_full_activation_link()
    {
        var result = await SendOneAsync();

        var sent = Assert.IsType<WelcomeKitOutcome.Sent>(result.Value);
        var email = Assert.Single(world.EmailsTo("usr_new"));
        Assert.Equal("Welcome: activate your account", email.Subject);
        Assert.Contains("Your username: usr_new", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("the employee portal", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:7071/activate?token=usr_new.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("ask your administrator to send you a new welcome kit", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Forgot password?", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(Start.AddHours(24), sent.ExpiresAt);
    }

    [Fact]
    public async Task The_kit_is_in_french_for_a_french_user_and_names_the_management_portal_for_a_manager()
    {
        world.Passwords.AddUser(User("usr_gisele", Member("org_a", Role.Manager, "unit_1")) with { Locale = Locale.Fr }, password: null);

        await SendOneAsync("usr_gisele");

        var email = Assert.Single(world.EmailsTo("usr_gisele"));
        Assert.Equal("Bienvenue : activez votre compte", email.Subject);
        Assert.Contains("Votre nom d'utilisateur : usr_gisele", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("le portail de gestion", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("nouvelle trousse de bienvenue", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mot de passe oublié", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("/activate?token=usr_gisele.", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sent_kit_is_on_the_account_and_in_the_trail_with_its_link_and_trigger()
    {
        var sent = (WelcomeKitOutcome.Sent)(await SendOneAsync()).Value;

        var kit = world.Users["usr_new"].WelcomeKit;
        Assert.Equal(Start, kit.SentAt);
        Assert.Equal(sent.LinkId, kit.LinkId);
        Assert.Equal(WelcomeKitTrigger.OneClick, kit.SentBy);
        Assert.Null(world.Users["usr_new"].LinkEmailClaim);
        var recorded = Assert.Single(Events(AuditAction.WelcomeKitSent));
        Assert.Equal("one_click", recorded.Reason);
        Assert.Equal(sent.LinkId, recorded.Details!["linkId"]);
        Assert.Equal(Actor.Operator, recorded.Actor);
        Assert.Equal("activation", Assert.Single(Events(AuditAction.ResetLinkIssued)).Reason);
        Assert.Equal(sent.LinkId, world.Passwords.Links.Tracked("usr_new")!.LinkId);
    }

    [Fact]
    public async Task The_answer_gives_the_time_on_record_when_recording_the_sent_kit_takes_a_while()
    {
        var held = world.Email.HoldNext();
        var sending = SendOneAsync();
        await held.Reached;
        world.Users.BeforeNextSave(() => world.Time.Advance(TimeSpan.FromSeconds(2)));
        held.Release();

        var sent = Assert.IsType<WelcomeKitOutcome.Sent>((await sending).Value);

        Assert.Equal(world.Users["usr_new"].WelcomeKit.SentAt, sent.SentAt);
    }

    [Fact]
    public async Task The_link_of_the_kit_sets_the_first_password_activates_the_account_and_starts_rotation()
    {
        await SendOneAsync();

        var activated = await world.Passwords.Reset.ResetAsync(world.Passwords.LastTokenSentTo("usr_new@example.com"), FirstPassword, FromIp, CancellationToken.None);

        Assert.True(activated.Succeeded);
        Assert.Equal(AccountStatus.Active, world.Users["usr_new"].StatusAt(world.Time.GetUtcNow()));
        Assert.Single(Events(AuditAction.AccountActivated));
        Assert.True(world.Passwords.RotationInstance("usr_new")!.Running);
        var signIn = await world.Passwords.SignIn.SignInAsync(new SignInRequest("usr_new", FirstPassword, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);
        Assert.True(signIn.Succeeded);
    }

    [Fact]
    public async Task A_second_kit_supersedes_the_first_link()
    {
        await SendOneAsync();
        var first = world.Passwords.LastTokenSentTo("usr_new@example.com");
        world.Time.Advance(TimeSpan.FromMinutes(1));
        await SendOneAsync();
        var second = world.Passwords.LastTokenSentTo("usr_new@example.com");

        var stale = await world.Passwords.Reset.ResetAsync(first, FirstPassword, FromIp, CancellationToken.None);
        var latest = await world.Passwords.Reset.ResetAsync(second, FirstPassword, FromIp, CancellationToken.None);

        Assert.Equal(ResetLinkProblem.Superseded, stale.Failure!.Details["reason"]);
        Assert.True(latest.Succeeded);
        Assert.Equal(2, Events(AuditAction.WelcomeKitSent).Count);
    }

    [Fact]
    public async Task A_policy_too_short_first_password_is_refused_and_the_account_stays_pending()
    {
        await SendOneAsync();

        var refused = await world.Passwords.Reset.ResetAsync(world.Passwords.LastTokenSentTo("usr_new@example.com"), "short", FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.PasswordPolicy, refused.Failure!.Code);
        Assert.Equal(AccountStatus.PendingActivation, world.Users["usr_new"].StatusAt(world.Time.GetUtcNow()));
    }

    [Theory]
    [InlineData("active", "already_active")]
    [InlineData("no_email", "no_email")]
    [InlineData("departed", "departed")]
    [InlineData("invisible", "invisible")]
    [InlineData("deactivated", "deactivated")]
    public async Task One_click_for_an_account_that_cannot_use_a_kit_is_invalid_state_with_the_reason_on_record(string state, string reason)
    {
        var user = world.Users["usr_new"];
        world.Users.Add(state switch
        {
            "active" => user with { Password = new StoredPassword("hash", Start, Temporary: false) },
            "no_email" => user with { Email = null },
            "departed" => user with { DepartureDate = new DateOnly(2026, 1, 31) },
            "invisible" => user with { Visible = false },
            _ => user with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator) },
        });

        var result = await SendOneAsync();

        Assert.Equal(ErrorCode.InvalidState, result.Failure!.Code);
        Assert.Equal(reason, result.Failure.Details["reason"]);
        Assert.Empty(world.Email.Sent);
        Assert.Equal(reason, Assert.Single(Events(AuditAction.WelcomeKitSkipped)).Reason);
        Assert.Null(world.Users["usr_new"].WelcomeKit.SentAt);
    }

    [Fact]
    public async Task An_administrator_of_the_users_organization_may_send_a_kit()
    {
        var result = await SendOneAsync(caller: SignedIn(administrator));

        Assert.IsType<WelcomeKitOutcome.Sent>(result.Value);
        Assert.Equal(Actor.ForUser("usr_admin"), Assert.Single(Events(AuditAction.WelcomeKitSent)).Actor);
    }

    [Fact]
    public async Task A_supervisor_or_an_administrator_of_another_organization_may_not()
    {
        var supervisor = world.AddActive("usr_super", Supervisor("org_a", "unit_1"));
        var otherAdministrator = world.AddActive("usr_other", Member("org_b", Role.Administrator));

        var bySupervisor = await SendOneAsync(caller: SignedIn(supervisor));
        var byOther = await SendOneAsync(caller: SignedIn(otherAdministrator));

        Assert.Equal(ErrorCode.Forbidden, bySupervisor.Failure!.Code);
        Assert.Equal(ErrorCode.Forbidden, byOther.Failure!.Code);
        Assert.Empty(world.Email.Sent);
        Assert.Empty(Events(AuditAction.WelcomeKitSkipped));
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_for_an_operator_and_forbidden_for_anyone_else()
    {
        Assert.Equal(ErrorCode.NotFound, (await SendOneAsync("usr_nobody")).Failure!.Code);
        Assert.Equal(ErrorCode.Forbidden, (await SendOneAsync("usr_nobody", SignedIn(administrator))).Failure!.Code);
    }

    [Fact]
    public async Task A_redelivered_request_sends_nothing_the_second_time()
    {
        var request = BatchRequest();

        var first = await world.Sender.SendAsync(request, null, CancellationToken.None);
        var again = await world.Sender.SendAsync(request, null, CancellationToken.None);

        Assert.IsType<WelcomeKitOutcome.Sent>(first);
        Assert.IsType<WelcomeKitOutcome.AlreadyHandled>(again);
        Assert.Single(world.EmailsTo("usr_new"));
        Assert.Single(Events(AuditAction.WelcomeKitSent));
    }

    [Fact]
    public async Task A_request_answered_by_a_kit_sent_after_it_was_made_sends_nothing()
    {
        var madeBefore = BatchRequest(at: Start);
        world.Time.Advance(TimeSpan.FromSeconds(1));
        await SendOneAsync();

        var outcome = await world.Sender.SendAsync(madeBefore, null, CancellationToken.None);

        Assert.IsType<WelcomeKitOutcome.AlreadyHandled>(outcome);
        Assert.Single(world.EmailsTo("usr_new"));
    }

    [Fact]
    public async Task A_live_claim_of_another_sender_keeps_this_one_from_sending()
    {
        world.Claim("usr_new", "link_other", Start.AddMinutes(5));

        var outcome = await world.Sender.SendAsync(BatchRequest(), null, CancellationToken.None);

        Assert.Equal(new WelcomeKitOutcome.Busy(Start.AddMinutes(5)), outcome);
        Assert.Empty(world.Email.Sent);
        Assert.Empty(world.Users["usr_new"].ResetLinks);
    }

    [Fact]
    public async Task The_claim_of_a_sender_that_died_expires_and_the_kit_is_sent_then()
    {
        world.Claim("usr_new", "link_dead", Start + world.ClaimTimeout);
        world.Time.Advance(world.ClaimTimeout);

        var outcome = await world.Sender.SendAsync(BatchRequest(), null, CancellationToken.None);

        Assert.IsType<WelcomeKitOutcome.Sent>(outcome);
        Assert.Single(world.EmailsTo("usr_new"));
        Assert.Null(world.Users["usr_new"].LinkEmailClaim);
    }

    [Fact]
    public async Task A_sender_that_loses_the_race_for_the_claim_reads_it_and_sends_nothing()
    {
        // Between this sender's read and its save, another sender claims the account.
        world.Users.BeforeNextSave(() => world.Claim("usr_new", "link_winner", Start.AddMinutes(5)));

        var outcome = await world.Time.AdvanceUntilDoneAsync(world.Sender.SendAsync(BatchRequest(), null, CancellationToken.None));

        Assert.IsType<WelcomeKitOutcome.Busy>(outcome);
        Assert.Equal(1, world.Users.ConflictCount);
        Assert.Empty(world.Email.Sent);
        Assert.Equal("link_winner", world.Users["usr_new"].LinkEmailClaim!.LinkId);
    }

    [Fact]
    public async Task An_email_that_cannot_be_delivered_releases_the_claim_and_is_on_record()
    {
        world.Email.FailWith = new IOException("SMTP relay unreachable");

        var outcome = await world.Sender.SendAsync(BatchRequest(), null, CancellationToken.None);
        var oneClick = await SendOneAsync();

        Assert.IsType<WelcomeKitOutcome.NotDelivered>(outcome);
        Assert.Equal(ErrorCode.ServiceUnavailable, oneClick.Failure!.Code);
        var kit = world.Users["usr_new"].WelcomeKit;
        Assert.Null(kit.SentAt);
        Assert.Null(world.Users["usr_new"].LinkEmailClaim);
        Assert.Equal(2, Events(AuditAction.ResetLinkNotSent).Count);
        Assert.Empty(Events(AuditAction.WelcomeKitSent));
    }

    [Fact]
    public async Task A_message_redelivered_after_a_failed_delivery_sends_the_kit()
    {
        world.Email.FailWith = new IOException("SMTP relay unreachable");
        var request = BatchRequest();
        await world.Sender.SendAsync(request, null, CancellationToken.None);
        world.Email.FailWith = null;

        var retried = await world.Sender.SendAsync(request, null, CancellationToken.None);

        Assert.IsType<WelcomeKitOutcome.Sent>(retried);
        Assert.Single(world.EmailsTo("usr_new"));
    }

    // --- one email on its way at a time: kits and reset links alike (LinkEmails) ---

    private async Task LastEmailShouldHoldTheWorkingLinkAsync(string userId = "usr_new")
    {
        var token = world.Passwords.LastTokenSentTo(userId + "@example.com");
        Assert.True((await world.Passwords.Reset.CheckAsync(token, CancellationToken.None)).Succeeded, "The link of the last email received does not work.");
    }

    [Fact]
    public async Task A_batch_message_handled_while_a_one_click_kit_is_on_its_way_sends_nothing_and_the_one_kit_works()
    {
        var request = BatchRequest();
        var held = world.Email.HoldNext();
        var oneClick = SendOneAsync();
        await held.Reached;

        var batch = await world.Sender.SendAsync(request, null, CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMilliseconds(200));
        held.Release();
        await oneClick;
        var cameBack = await world.Sender.SendAsync(request, null, CancellationToken.None);

        Assert.IsType<WelcomeKitOutcome.Busy>(batch);
        Assert.IsType<WelcomeKitOutcome.AlreadyHandled>(cameBack);
        Assert.Single(world.EmailsTo("usr_new"));
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_forgot_password_handled_while_a_kit_is_on_its_way_waits_for_it_and_its_reset_email_comes_last_and_works()
    {
        var forgot = new ForgotPasswordRequest("usr_new", "203.0.113.7", world.Time.GetUtcNow());
        var held = world.Email.HoldNext();
        var oneClick = SendOneAsync();
        await held.Reached;

        var busy = await world.Passwords.Reset.HandleAsync(forgot, CancellationToken.None);
        Assert.IsType<ForgotPasswordResult.Busy>(busy);
        Assert.Single(world.Users["usr_new"].ResetLinks);
        held.Release();
        await oneClick;
        world.Time.Advance(world.ClaimTimeout + TimeSpan.FromSeconds(1));
        var cameBack = world.Passwords.ForgotRequests.TakeVisible().Single();
        var handled = await world.Passwords.Reset.HandleAsync(cameBack, CancellationToken.None);

        Assert.IsType<ForgotPasswordResult.Sent>(handled);
        Assert.Equal(["Welcome: activate your account", "Reset your password"], world.EmailsTo("usr_new").Select(e => e.Subject));
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_kit_asked_for_while_a_reset_email_is_on_its_way_waits_so_it_cannot_supersede_that_link_before_it_arrives()
    {
        var held = world.Email.HoldNext();
        var forgot = world.Passwords.Reset.HandleAsync(new ForgotPasswordRequest("usr_new", "203.0.113.7", world.Time.GetUtcNow()), CancellationToken.None);
        await held.Reached;

        var batch = await world.Sender.SendAsync(BatchRequest(), null, CancellationToken.None);
        held.Release();
        await forgot;

        Assert.IsType<WelcomeKitOutcome.Busy>(batch);
        Assert.Single(world.Users["usr_new"].ResetLinks);
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task Nothing_secret_is_kept_on_the_account_or_in_the_trail()
    {
        await SendOneAsync();
        var secret = world.Passwords.LastTokenSentTo("usr_new@example.com").Split('.')[2];

        Assert.All(world.Users.EventsOf("usr_new"), e => Assert.DoesNotContain(secret, string.Join(",", e.Details?.Values ?? []), StringComparison.Ordinal));
        Assert.DoesNotContain(secret, world.Users["usr_new"].ResetLinks.Single().SecretHash, StringComparison.Ordinal);
    }
}
