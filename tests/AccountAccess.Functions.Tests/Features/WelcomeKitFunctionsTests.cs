using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Welcome kits over HTTP against the real app on its own Azurite, emails read from the pickup folder: one click, the
/// activation it leads to, a second kit superseding the first, batches fanned out through the queue, overlapping runs
/// of the welcome-kit timer invoked as the Functions host does, and who may ask. The timer never fires by itself here
/// (<see cref="RunningApp.DefaultSettings"/>); <see cref="ScheduledWelcomeKitsTests"/> lets it.
/// </summary>
public sealed class WelcomeKitFunctionsTests(WelcomeKitFunctionsTests.WelcomeKitApp app) : IClassFixture<WelcomeKitFunctionsTests.WelcomeKitApp>
{
    private const string PublicBaseUrl = "https://app.example.test";
    private const string FirstPassword = "Amber-Lighthouse-77";

    private Api api => app.Api;

    public sealed class WelcomeKitApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Links__PublicBaseUrl"] = PublicBaseUrl,
        };
    }

    private Task<Reply> SendOneAsync(string userId, string? bearer = null, bool asOperator = true, string? language = null) =>
        api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/welcome-kit", bearer: bearer, asOperator: asOperator && bearer is null, language: language);

    private Task<Reply> SendBatchAsync(string organizationId, object? body = null, string? bearer = null, bool asOperator = true) =>
        api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/welcome-kits", body, bearer: bearer, asOperator: asOperator && bearer is null);

    private Task<Reply> RunTimerAsync() =>
        api.RunFunctionAsync("ScheduledWelcomeKits");

    private Task<Reply> ResetAsync(string token, string newPassword = FirstPassword) =>
        api.SendAsync(HttpMethod.Post, "/api/password/reset", new { token, newPassword });

    private async Task<JsonNode> PendingActivationAsync(string userId) =>
        Blockers.Single(await api.DiagnoseAsync(userId), "pending_activation");

    private static void ShouldBeInvalidState(Reply reply, string reason)
    {
        reply.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal(reason, reply.Details!["reason"]!.GetValue<string>());
    }

    private static List<(string UserId, string Reason)> Skipped(Reply reply) =>
        reply.Json!["skipped"]!.AsArray().Select(s => (s!["userId"]!.GetValue<string>(), s["reason"]!.GetValue<string>())).ToList();

    /// <summary>Gives queue and timer deliveries that might come twice the time to come, before counting emails.</summary>
    /// <summary>Every queued kit handled: nothing left that could send one twice.</summary>
    private Task SettleAsync() => app.QueuesEmptyAsync(Storage.StorageQueues.WelcomeKitFanOuts, Storage.StorageQueues.WelcomeKits);

    // --- one click ---

    [Fact]
    public async Task One_click_emails_the_username_the_portal_and_the_full_activation_link()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);

        var reply = await SendOneAsync(user.Id);

        reply.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal("sent", reply.Json!["status"]!.GetValue<string>());
        Assert.NotNull(reply.Json["linkExpiresAt"]);
        var email = Assert.Single(await app.Mail.WaitForAsync(user.Email));
        Assert.Equal("Welcome: activate your account", email.Subject);
        Assert.Contains($"Your username: {user.Username}", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("the employee portal", email.TextBody, StringComparison.Ordinal);
        Assert.StartsWith($"{PublicBaseUrl}/activate?token={user.Id}.", PickupFolder.LinkIn(email), StringComparison.Ordinal);
        Assert.DoesNotContain("token", reply.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_kit_activates_the_account_which_then_signs_in_with_rotation_started()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted);
        var token = PickupFolder.TokenIn(Assert.Single(await app.Mail.WaitForAsync(user.Email)));

        (await ResetAsync(token, "short")).ShouldBeError(HttpStatusCode.BadRequest, "password_policy");
        (await ResetAsync(token)).ShouldBe(HttpStatusCode.NoContent);

        var stored = (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK).Json!;
        Assert.Equal("active", stored["status"]!.GetValue<string>());
        Assert.NotNull(stored["welcomeKitSentAt"]);
        var login = (await api.LoginAsync(user.Username, FirstPassword)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", login.Json!["status"]!.GetValue<string>());
        var rotation = await api.SendAsync(HttpMethod.Get, $"/api/workflows/PasswordRotation/{user.Id}", asOperator: true);
        Assert.Equal("running", rotation.ShouldBe(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "account_activated"));
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "welcome_kit_sent"));
        ShouldBeInvalidState(await SendOneAsync(user.Id), "already_active");
    }

    [Fact]
    public async Task The_diagnosis_says_pending_activation_and_when_the_kit_was_sent()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        Assert.Equal("not_sent", (await PendingActivationAsync(user.Id))["details"]!["welcomeKit"]!.GetValue<string>());

        var sentAt = (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted).Json!["sentAt"]!.GetValue<DateTimeOffset>();

        var blocker = await PendingActivationAsync(user.Id);
        Assert.Equal("sent", blocker["details"]!["welcomeKit"]!.GetValue<string>());
        Assert.Equal(sentAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), blocker["details"]!["welcomeKitSentAt"]!.GetValue<string>());
        Assert.Equal("pending", blocker["details"]!["activationLink"]!.GetValue<string>());
        Assert.Equal("open_welcome_kit_link", blocker["remedyCode"]!.GetValue<string>());
        Assert.Contains("welcome kit sent at", blocker["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_kit_supersedes_the_first_link()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted);
        var first = PickupFolder.TokenIn((await app.Mail.WaitForAsync(user.Email))[0]);
        (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted);
        var second = PickupFolder.TokenIn((await app.Mail.WaitForAsync(user.Email, 2))[1]);

        var stale = await ResetAsync(first);

        stale.ShouldBeError(HttpStatusCode.BadRequest, "reset_link_invalid");
        Assert.Equal("superseded", stale.Details!["reason"]!.GetValue<string>());
        (await ResetAsync(second)).ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Correcting_a_misspelt_email_ends_the_link_sent_to_it_and_a_new_kit_reaches_the_right_address()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted);
        var misdirected = PickupFolder.TokenIn((await app.Mail.WaitForAsync(user.Email))[0]);
        var corrected = Api.Unique("corrected") + "@example.com";

        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { email = corrected }, asOperator: true)).ShouldBe(HttpStatusCode.OK);

        var stale = await api.SendAsync(HttpMethod.Post, "/api/password/reset/check", new { token = misdirected });
        stale.ShouldBeError(HttpStatusCode.BadRequest, "reset_link_invalid");
        Assert.Equal("superseded", stale.Details!["reason"]!.GetValue<string>());
        Assert.Equal("superseded", (await ResetAsync(misdirected)).ShouldBeError(HttpStatusCode.BadRequest, "reset_link_invalid").Details!["reason"]!.GetValue<string>());
        var blocker = await PendingActivationAsync(user.Id);
        Assert.Equal("email_changed", blocker["details"]!["activationLink"]!.GetValue<string>());
        Assert.Equal("send_welcome_kit", blocker["remedyCode"]!.GetValue<string>());
        Assert.Contains("cancelled when the email changed", blocker["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var superseded = (await api.EventsAsync(user.Id)).Single(e => e!["action"]!.GetValue<string>() == "reset_link_superseded")!;
        Assert.Equal("email_changed", superseded["reason"]!.GetValue<string>());

        (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted);
        var token = PickupFolder.TokenIn(Assert.Single(await app.Mail.WaitForAsync(corrected)));
        (await ResetAsync(token)).ShouldBe(HttpStatusCode.NoContent);
        Assert.Single(app.Mail.SentTo(user.Email));
    }

    [Fact]
    public async Task The_kit_of_a_french_manager_is_in_french_and_names_the_management_portal()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, role: "manager", unitIds: [unitId], password: null, extra: new { locale = "fr" });

        (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted);

        var email = Assert.Single(await app.Mail.WaitForAsync(user.Email));
        Assert.Equal("Bienvenue : activez votre compte", email.Subject);
        Assert.Contains($"Votre nom d'utilisateur : {user.Username}", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("le portail de gestion", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("nouvelle trousse de bienvenue", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no_email")]
    [InlineData("invisible")]
    [InlineData("departed")]
    [InlineData("deactivated")]
    public async Task One_click_for_an_account_that_cannot_use_a_kit_is_invalid_state_with_the_reason(string reason)
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        object extra = reason switch
        {
            "no_email" => new { phone = "+15145550123" },
            "invisible" => new { visible = false },
            "departed" => new { departureDate = "2020-01-31" },
            _ => new { },
        };
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: extra);
        if (reason == "no_email")
        {
            (await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { email = (string?)null }, asOperator: true)).ShouldBe(HttpStatusCode.OK);
        }

        if (reason == "deactivated")
        {
            (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", new { reason = "manual" }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        }

        var reply = await SendOneAsync(user.Id, language: "fr");

        ShouldBeInvalidState(reply, reason);
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "welcome_kit_skipped"));
        Assert.Empty(app.Mail.SentTo(user.Email));
    }

    // --- who may ask ---

    [Fact]
    public async Task An_administrator_of_the_users_organization_may_send_a_kit_and_one_of_another_may_not()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var other = await api.CreateUserAsync(await api.CreateOrganizationAsync(), role: "administrator");

        (await SendOneAsync(user.Id, await api.TokenAsync(other.Username, "management"))).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await SendOneAsync(user.Id, await api.TokenAsync(administrator.Username, "management"))).ShouldBe(HttpStatusCode.Accepted);
        Assert.Single(await app.Mail.WaitForAsync(user.Email));
    }

    [Fact]
    public async Task A_supervisor_is_forbidden_and_a_caller_without_credentials_unauthorized()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        var supervisor = await api.CreateUserAsync(organizationId, role: "manager", unitIds: [unitId], permissions: ["user_management"]);
        var token = await api.TokenAsync(supervisor.Username, "management");

        (await SendOneAsync(user.Id, token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await SendBatchAsync(organizationId, bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await SendOneAsync(user.Id, asOperator: false)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await SendBatchAsync(organizationId, asOperator: false)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Empty(app.Mail.SentTo(user.Email));
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_for_an_operator_and_forbidden_for_an_administrator()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");

        (await SendOneAsync("usr_nobody0000000000")).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await SendOneAsync("usr_nobody0000000000", await api.TokenAsync(administrator.Username, "management"))).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    // --- batches ---

    [Fact]
    public async Task A_batch_answers_queued_and_skipped_at_once_and_every_queued_user_gets_exactly_one_kit()
    {
        var (organizationId, unitId, active) = await api.CreateStaffAsync();
        var pending = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            pending.Add(await api.CreateUserAsync(organizationId, role: i % 2 == 0 ? "employee" : "client", unitIds: i % 2 == 0 ? [unitId] : null, password: null));
        }

        var withoutEmail = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{withoutEmail.Id}", new { email = (string?)null, phone = "+15145550199" }, asOperator: true)).ShouldBe(HttpStatusCode.OK);

        var reply = await SendBatchAsync(organizationId);

        reply.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(5, reply.Json!["queued"]!.GetValue<int>());
        Assert.Equal([(withoutEmail.Id, "no_email")], Skipped(reply));
        foreach (var user in pending)
        {
            await app.Mail.WaitForAsync(user.Email);
        }

        await SettleAsync();
        Assert.All(pending, user => Assert.Single(app.Mail.SentTo(user.Email)));
        Assert.Empty(app.Mail.SentTo(active.Email));
        Assert.Contains("the client portal", app.Mail.SentTo(pending[1].Email)[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await api.CountEventsAsync(pending[0].Id, "welcome_kit_sent"));
        await Eventually.TrueAsync(async () => await api.CountEventsAsync(withoutEmail.Id, "welcome_kit_skipped") == 1);
    }

    [Fact]
    public async Task A_batch_for_chosen_users_skips_each_one_that_cannot_get_a_kit_with_its_reason()
    {
        var (organizationId, unitId, active) = await api.CreateStaffAsync();
        var pending = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        var elsewhere = await api.CreateUserAsync(await api.CreateOrganizationAsync(), role: "client", password: null);
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");

        var reply = await SendBatchAsync(organizationId, new { userIds = new[] { pending.Id, active.Id, elsewhere.Id } }, await api.TokenAsync(administrator.Username, "management"));

        reply.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(1, reply.Json!["queued"]!.GetValue<int>());
        Assert.Equal(new[] { (active.Id, "already_active"), (elsewhere.Id, "not_a_member") }.Order(), Skipped(reply).Order());
        Assert.Single(await app.Mail.WaitForAsync(pending.Email));
        await SettleAsync();
        Assert.Single(app.Mail.SentTo(pending.Email));
        Assert.Empty(app.Mail.SentTo(elsewhere.Email));
    }

    [Fact]
    public async Task A_batch_for_another_organization_is_forbidden_to_an_administrator_and_an_unknown_one_not_found()
    {
        var (organizationId, _, _) = await api.CreateStaffAsync();
        var otherAdministrator = await api.CreateUserAsync(await api.CreateOrganizationAsync(), role: "administrator");

        (await SendBatchAsync(organizationId, bearer: await api.TokenAsync(otherAdministrator.Username, "management"))).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await SendBatchAsync("org_doesnotexist0000")).ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    private Task<Reply> FollowBatchAsync(string organizationId, string requestId, string? bearer = null) =>
        api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/welcome-kits/{requestId}", bearer: bearer, asOperator: bearer is null);

    [Fact]
    public async Task A_batch_can_be_followed_until_every_queued_kit_is_sent_with_the_time_it_went_out()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var first = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        var second = await api.CreateUserAsync(organizationId, role: "client", password: null);
        var withoutEmail = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{withoutEmail.Id}", new { email = (string?)null, phone = "+15145550199" }, asOperator: true)).ShouldBe(HttpStatusCode.OK);
        var administrator = await api.TokenAsync((await api.CreateUserAsync(organizationId, role: "administrator")).Username, "management");
        var requestId = (await SendBatchAsync(organizationId, bearer: administrator)).Json!["requestId"]!.GetValue<string>();

        Reply done = null!;
        await Eventually.TrueAsync(async () =>
        {
            done = await FollowBatchAsync(organizationId, requestId, administrator);
            return done.Json?["done"]?.GetValue<bool>() == true;
        });

        done.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, done.Json!["queued"]!.GetValue<int>());
        var sent = done.Json["sent"]!.AsArray().ToDictionary(s => s!["userId"]!.GetValue<string>(), s => s!["sentAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new[] { first.Id, second.Id }.Order(), sent.Keys.Order());
        var onRecord = (await api.SendAsync(HttpMethod.Get, $"/api/users/{first.Id}", asOperator: true)).Json!["welcomeKitSentAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(onRecord, sent[first.Id]);
        Assert.Empty(done.Json["pending"]!.AsArray());
        Assert.Equal([(withoutEmail.Id, "no_email")], Skipped(done));
    }

    [Fact]
    public async Task An_administrator_of_another_organization_cannot_follow_a_batch_and_an_unknown_batch_is_not_found()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        var otherOrganizationId = await api.CreateOrganizationAsync();
        var otherAdministrator = await api.CreateUserAsync(otherOrganizationId, role: "administrator");
        var requestId = (await SendBatchAsync(organizationId)).Json!["requestId"]!.GetValue<string>();

        (await FollowBatchAsync(organizationId, requestId, await api.TokenAsync(otherAdministrator.Username, "management"))).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await FollowBatchAsync(otherOrganizationId, requestId)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await FollowBatchAsync(organizationId, "req_doesnotexist0000")).ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_administrator_cannot_read_another_organizations_batch_through_its_own_organization()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var pending = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        var otherOrganizationId = await api.CreateOrganizationAsync();
        var otherAdministrator = await api.TokenAsync((await api.CreateUserAsync(otherOrganizationId, role: "administrator")).Username, "management");
        var requestId = (await SendBatchAsync(organizationId)).Json!["requestId"]!.GetValue<string>();
        await app.Mail.WaitForAsync(pending.Email);

        var reply = await FollowBatchAsync(otherOrganizationId, requestId, otherAdministrator);

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(pending.Id, reply.Body, StringComparison.Ordinal);
    }

    // --- the timer ---

    [Fact]
    public async Task Overlapping_runs_of_the_timer_send_exactly_one_kit_per_pending_user()
    {
        var (organizationId, unitId, active) = await api.CreateStaffAsync();
        var pending = new List<TestUser>();
        for (var i = 0; i < 8; i++)
        {
            pending.Add(await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null));
        }

        var runs = await Task.WhenAll(RunTimerAsync(), RunTimerAsync(), RunTimerAsync());
        Assert.All(runs, run => run.ShouldBe(HttpStatusCode.Accepted));
        (await RunTimerAsync()).ShouldBe(HttpStatusCode.Accepted);

        Assert.All(pending, user => Assert.Single(app.Mail.SentTo(user.Email)));
        Assert.Empty(app.Mail.SentTo(active.Email));
        foreach (var user in pending)
        {
            Assert.Equal(1, await api.CountEventsAsync(user.Id, "welcome_kit_sent"));
        }
    }

    [Fact]
    public async Task The_timer_sends_nothing_to_a_user_who_already_got_a_kit()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        (await SendOneAsync(user.Id)).ShouldBe(HttpStatusCode.Accepted);

        (await RunTimerAsync()).ShouldBe(HttpStatusCode.Accepted);

        Assert.Single(app.Mail.SentTo(user.Email));
    }
}
