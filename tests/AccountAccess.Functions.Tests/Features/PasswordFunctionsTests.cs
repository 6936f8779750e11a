using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// API.md "Passwords" over HTTP against the real app: forgot-password and reset links read from the emailed .eml files,
/// the change flows, temporary passwords, and rotation with shrunk durations (in organizations that rotate, passwords
/// live 6 s with a reminder 3 s before). Tests that do not watch rotation use organizations with
/// <c>passwordMaxAgeDays: 0</c>, so their passwords do not expire under them. Links live a minute here: under the load
/// of the whole suite, forgot-then-reset took up to 7 s, so a 3 s link made the happy paths flaky. Link expiry is
/// tested in <see cref="WorkflowFunctionsTests"/>, whose app gives links 4 s.
/// </summary>
public sealed class PasswordFunctionsTests(PasswordFunctionsTests.PasswordApp app) : IClassFixture<PasswordFunctionsTests.PasswordApp>
{
    private const string PublicBaseUrl = "https://app.example.test";
    private const string NewPassword = "Amber-Lighthouse-77";

    private Api api => app.Api;

    public sealed class PasswordApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Passwords__ResetLinkLifetime"] = "00:01:00",
            ["Passwords__MaxAgeOverride"] = "00:00:06",
            ["Passwords__ReminderLeadOverride"] = "00:00:03",
            ["Links__PublicBaseUrl"] = PublicBaseUrl,
            ["Passwords__ForgotPasswordEmailsPerAccountPerHour"] = "3",
        };
    }

    private async Task<(string OrganizationId, string UnitId, TestUser User)> StaffWithoutRotationAsync(string role = "employee") =>
        await api.CreateStaffAsync(role, policy: new { passwordMaxAgeDays = 0 });

    private Task<Reply> ForgotAsync(string login, string? language = null) =>
        api.SendAsync(HttpMethod.Post, "/api/password/forgot", new { login }, language: language);

    private Task<Reply> ResetAsync(string token, string newPassword = NewPassword) =>
        api.SendAsync(HttpMethod.Post, "/api/password/reset", new { token, newPassword });

    private async Task<string> ForgotAndReadTokenAsync(TestUser user, int emailNumber = 1)
    {
        (await ForgotAsync(user.Username)).ShouldBe(HttpStatusCode.Accepted);

        // Only the emails carrying a link count: the holder is also told of locks and new passwords.
        IReadOnlyList<MimeKit.MimeMessage> links = [];
        await Eventually.TrueAsync(() => Task.FromResult((links = app.Mail.SentTo(user.Email).Where(m => m.TextBody?.Contains("token=", StringComparison.Ordinal) == true).ToList()).Count >= emailNumber));
        return PickupFolder.TokenIn(links[emailNumber - 1]);
    }

    private static void ShouldBeInvalidLink(Reply reply, string reason)
    {
        reply.ShouldBeError(HttpStatusCode.BadRequest, "reset_link_invalid");
        Assert.Equal(reason, reply.Details!["reason"]!.GetValue<string>());
    }

    private static string[] Violations(Reply reply) =>
        reply.ShouldBeError(HttpStatusCode.BadRequest, "password_policy").Details!["violations"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    private async Task<List<string>> ActionsAsync(string userId) =>
        (await api.EventsAsync(userId)).Select(e => e!["action"]!.GetValue<string>()).ToList();

    private async Task<JsonNode?> EventAsync(string userId, string action) =>
        (await api.EventsAsync(userId)).FirstOrDefault(e => e!["action"]!.GetValue<string>() == action);

    /// <summary>A staff member reachable by SMS only (Api.CreateUserAsync always gives an email).</summary>
    private async Task<TestUser> CreateUserWithoutEmailAsync(string organizationId, string unitId)
    {
        var username = Api.Unique("user");
        var reply = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users", new
        {
            username,
            displayName = "Test " + username,
            role = "employee",
            phone = "+15145550123",
            preferredChannel = "sms",
            unitIds = new[] { unitId },
        }, asOperator: true);
        reply.ShouldBe(HttpStatusCode.Created);
        return new TestUser(reply.Json!["id"]!.GetValue<string>(), username, string.Empty);
    }

    // --- forgot and reset ---

    [Fact]
    public async Task Past_its_hourly_share_an_account_gets_nothing_the_answer_is_the_same_and_the_diagnosis_says_until_when()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        for (var i = 1; i <= 3; i++)
        {
            await ForgotAndReadTokenAsync(user, emailNumber: i);
        }

        var beyond = await ForgotAsync(user.Username);

        beyond.ShouldBe(HttpStatusCode.Accepted);
        JsonNode? blocker = null;
        await Eventually.TrueAsync(async () =>
        {
            blocker = (await api.DiagnoseAsync(user.Id))["blockers"]!.AsArray().FirstOrDefault(b => b!["code"]!.GetValue<string>() == "forgot_password_throttled");
            return blocker is not null;
        }, TimeSpan.FromSeconds(20));
        Assert.Equal("use_latest_reset_email", blocker!["remedyCode"]!.GetValue<string>());
        Assert.NotNull(blocker["details"]!["until"]);
        Assert.Equal(3, app.Mail.SentTo(user.Email).Count);
    }

    [Fact]
    public async Task Erasing_a_user_kills_its_pending_link_forgot_sends_it_nothing_and_its_organization_keeps_user_deleted()
    {
        var (organizationId, unitId, user) = await StaffWithoutRotationAsync();
        var administrator = await api.CreateUserAsync(organizationId, "administrator", [unitId]);
        var (_, _, elsewhere) = await StaffWithoutRotationAsync("administrator");
        var token = await ForgotAndReadTokenAsync(user);

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        ShouldBeInvalidLink(await ResetAsync(token), "unknown");
        var control = (await StaffWithoutRotationAsync()).User;
        (await ForgotAsync(user.Username)).ShouldBe(HttpStatusCode.Accepted);
        (await ForgotAsync(user.Email)).ShouldBe(HttpStatusCode.Accepted);
        (await ForgotAsync(control.Username)).ShouldBe(HttpStatusCode.Accepted);
        await app.Mail.WaitForAsync(control.Email);
        Assert.Single(app.Mail.SentTo(user.Email));

        var trail = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/events", bearer: await api.TokenAsync(administrator.Username, "management"));
        trail.ShouldBe(HttpStatusCode.OK);
        var deleted = Assert.Single(trail.Json!["events"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "user_deleted")!;
        Assert.Equal(user.Id, deleted["details"]!["userId"]!.GetValue<string>());
        Assert.Equal("employee", deleted["details"]!["role"]!.GetValue<string>());
        Assert.Equal("operator", deleted["actor"]!["kind"]!.GetValue<string>());
        Assert.DoesNotContain(user.Username, deleted.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(user.Email, deleted.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/events", bearer: await api.TokenAsync(elsewhere.Username, "management")))
            .ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_password_changed_another_way_ends_the_reset_link_asked_for_before()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var token = await ForgotAndReadTokenAsync(user);
        var bearer = await api.TokenAsync(user.Username, "employee");

        (await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = NewPassword }, bearer: bearer))
            .ShouldBe(HttpStatusCode.NoContent);

        ShouldBeInvalidLink(await ResetAsync(token, "Coral-Meadow-2031"), "superseded");
        Assert.Contains("reset_link_superseded", await ActionsAsync(user.Id));
        (await api.LoginAsync(user.Username, NewPassword)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Opening_a_link_with_a_get_as_a_mail_scanner_does_never_uses_it()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var token = await ForgotAndReadTokenAsync(user);

        var scanned = await api.SendAsync(HttpMethod.Get, "/api/password/reset?token=" + Uri.EscapeDataString(token));

        scanned.ShouldBeError(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        (await ResetAsync(token)).ShouldBe(HttpStatusCode.NoContent);
    }


    [Fact]
    public async Task A_reset_ends_the_trusted_devices_of_the_account()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0 });
        var device = await api.TrustedDeviceAsync(user.Username);

        (await ResetAsync(await ForgotAndReadTokenAsync(user))).ShouldBe(HttpStatusCode.NoContent);

        Assert.Empty((await api.DiagnoseAsync(user.Id))["trustedDevices"]!.AsArray());
        Assert.Contains("trusted_device_revoked", await ActionsAsync(user.Id));
        Assert.NotEqual(device, await api.TrustedDeviceAsync(user.Username, password: NewPassword));
    }

    [Fact]
    public async Task Where_the_policy_says_so_a_reset_reactivates_an_account_locked_by_wrong_passwords_and_everyone_is_told_so()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0, maxFailedAttempts = 1, unlockByPasswordReset = true });
        (await api.LoginAsync(user.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);

        var refused = await api.LoginAsync(user.Username, language: "fr");
        refused.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Contains("compte désactivé", refused.Json!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var blocker = (await api.DiagnoseAsync(user.Id))["blockers"]!.AsArray().Single(b => b!["code"]!.GetValue<string>() == "account_deactivated")!;
        Assert.Equal("reset_password_to_reactivate", blocker["remedyCode"]!.GetValue<string>());

        (await ResetAsync(await ForgotAndReadTokenAsync(user))).ShouldBe(HttpStatusCode.NoContent);

        (await api.LoginAsync(user.Username, NewPassword)).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("reactivated_by_password_reset", await ActionsAsync(user.Id));
    }


    [Fact]
    public async Task Forgot_password_emails_the_full_reset_link_to_the_users_address()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();

        var reply = await ForgotAsync(user.Username);

        reply.ShouldBe(HttpStatusCode.Accepted);
        Assert.False(string.IsNullOrWhiteSpace(reply.Json!["message"]!.GetValue<string>()));
        var email = Assert.Single(await app.Mail.WaitForAsync(user.Email));
        Assert.Equal(user.Email, email.To.Mailboxes.Single().Address);
        Assert.Equal("Reset your password", email.Subject);
        Assert.StartsWith($"{PublicBaseUrl}/reset-password?token={user.Id}.", PickupFolder.LinkIn(email), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emailed_link_sets_a_new_password_that_signs_in()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var token = await ForgotAndReadTokenAsync(user);

        var reply = await ResetAsync(token);

        reply.ShouldBe(HttpStatusCode.NoContent);
        var login = await api.LoginAsync(user.Username, NewPassword);
        login.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", login.Json!["status"]!.GetValue<string>());
        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Contains("password_reset", await ActionsAsync(user.Id));
    }

    [Fact]
    public async Task The_same_link_a_second_time_is_refused_as_used()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var token = await ForgotAndReadTokenAsync(user);
        (await ResetAsync(token)).ShouldBe(HttpStatusCode.NoContent);

        ShouldBeInvalidLink(await ResetAsync(token, "Another-Fine-Phrase-9"), "used");
    }

    [Fact]
    public async Task A_second_request_supersedes_the_first_link()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var first = await ForgotAndReadTokenAsync(user);
        var second = await ForgotAndReadTokenAsync(user, emailNumber: 2);

        ShouldBeInvalidLink(await ResetAsync(first), "superseded");
        (await ResetAsync(second)).ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("usr_nobody.0123456789abcdef.c2VjcmV0c2VjcmV0")]
    public async Task A_token_that_was_never_issued_is_unknown(string token)
    {
        ShouldBeInvalidLink(await ResetAsync(token), "unknown");
    }

    [Fact]
    public async Task A_tampered_token_is_unknown()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var token = await ForgotAndReadTokenAsync(user);

        ShouldBeInvalidLink(await ResetAsync(token[..^2] + (token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA")), "unknown");
    }

    [Fact]
    public async Task Forgot_answers_the_same_for_everyone_and_only_a_normal_user_gets_an_email()
    {
        var organizationId = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var normal = await api.CreateUserAsync(organizationId, unitIds: [unitId]);
        var invisible = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: new { visible = false });
        var departed = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: new { departureDate = "2025-12-31" });
        var noEmail = await CreateUserWithoutEmailAsync(organizationId, unitId);

        var answers = new List<Reply>();
        foreach (var login in new[] { Api.Unique("nobody"), invisible.Username, departed.Username, noEmail.Username, normal.Username })
        {
            answers.Add(await ForgotAsync(login));
        }

        Assert.All(answers, a => a.ShouldBe(HttpStatusCode.Accepted));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        await app.Mail.WaitForAsync(normal.Email);
        Assert.Empty(app.Mail.SentTo(invisible.Email));
        Assert.Empty(app.Mail.SentTo(departed.Email));
        Assert.Single(app.Mail.SentTo(normal.Email));
    }

    [Theory]
    [InlineData("invisible")]
    [InlineData("departed")]
    [InlineData("no_email")]
    public async Task The_reason_a_request_was_refused_is_in_the_audit_trail(string reason)
    {
        var organizationId = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = reason switch
        {
            "invisible" => await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: new { visible = false }),
            "departed" => await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: new { departureDate = "2025-12-31" }),
            _ => await CreateUserWithoutEmailAsync(organizationId, unitId),
        };

        (await ForgotAsync(user.Username)).ShouldBe(HttpStatusCode.Accepted);

        // Handled after the answer, from the queue.
        JsonNode? refused = null;
        await Eventually.TrueAsync(async () => (refused = await EventAsync(user.Id, "forgot_password_refused")) is not null, TimeSpan.FromSeconds(20));
        Assert.Equal(reason, refused!["reason"]!.GetValue<string>());
        Assert.DoesNotContain("reset_link_issued", await ActionsAsync(user.Id));
    }

    [Fact]
    public async Task A_new_password_against_the_policy_is_refused_with_each_violation_and_the_link_still_works()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var token = await ForgotAndReadTokenAsync(user);

        Assert.Contains("too_short", Violations(await ResetAsync(token, "Xq-7-wz")));
        Assert.Contains("common", Violations(await ResetAsync(token, "password1234")));
        Assert.Contains("contains_username", Violations(await ResetAsync(token, user.Username + "-Strong-9")));
        Assert.Contains("reused", Violations(await ResetAsync(token, Api.Password)));
        (await ResetAsync(token)).ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_french_speaker_gets_the_reset_email_in_french()
    {
        var organizationId = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: new { locale = "fr" });

        (await ForgotAsync(user.Username)).ShouldBe(HttpStatusCode.Accepted);

        var email = Assert.Single(await app.Mail.WaitForAsync(user.Email));
        Assert.Equal("Réinitialisez votre mot de passe", email.Subject);
        Assert.Contains("Bonjour", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PublicBaseUrl}/reset-password?token=", email.TextBody, StringComparison.Ordinal);
    }

    // --- change flows ---

    [Fact]
    public async Task A_password_set_by_an_administrator_must_be_changed_with_the_change_token_at_sign_in()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/password", new { newPassword = NewPassword }, asOperator: true))
            .ShouldBe(HttpStatusCode.NoContent);
        var login = (await api.LoginAsync(user.Username, NewPassword)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("password_change_required", login.Json!["status"]!.GetValue<string>());
        Assert.Equal("temporary", login.Json["reason"]!.GetValue<string>());
        Assert.Null(login.Json["accessToken"]);
        Assert.EndsWith("Z", login.Json["changeTokenExpiresAt"]!.GetValue<string>());
        var changeToken = login.Json["changeToken"]!.GetValue<string>();

        var changed = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { changeToken, newPassword = "My-Own-Choice-2026" });

        changed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", changed.Json!["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(changed.Json["accessToken"]!.GetValue<string>()));
        Assert.StartsWith("dvt_", changed.Json["deviceToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(user.Id, changed.Json["user"]!["id"]!.GetValue<string>());
        Assert.Equal("ok", (await api.LoginAsync(user.Username, "My-Own-Choice-2026")).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_change_token_is_void_once_used()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/password", new { newPassword = NewPassword }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        var changeToken = (await api.LoginAsync(user.Username, NewPassword)).Json!["changeToken"]!.GetValue<string>();
        (await api.SendAsync(HttpMethod.Post, "/api/password/change", new { changeToken, newPassword = "My-Own-Choice-2026" })).ShouldBe(HttpStatusCode.OK);

        var again = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { changeToken, newPassword = "Yet-Another-Choice-5" });

        again.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_access_token_is_not_a_change_token()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var accessToken = await api.TokenAsync(user.Username, "employee");

        var reply = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { changeToken = accessToken, newPassword = NewPassword });

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string> BodiesWithoutAChangeToken() => new()
    {
        "{}",
        """{"newPassword":"Amber-Lighthouse-77"}""",
        """{"currentPassword":"whatever"}""",
        """{"currentPassword":"whatever","newPassword":"short"}""",
    };

    [Theory]
    [MemberData(nameof(BodiesWithoutAChangeToken))]
    public async Task A_change_without_a_change_token_or_a_bearer_token_is_unauthorized_whatever_the_body_holds(string body)
    {
        var reply = await api.SendAsync(HttpMethod.Post, "/api/password/change", body);

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_signed_in_user_changes_the_password_with_the_current_one()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var accessToken = await api.TokenAsync(user.Username, "employee");

        var reply = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = NewPassword }, bearer: accessToken);

        reply.ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal("ok", (await api.LoginAsync(user.Username, NewPassword)).Json!["status"]!.GetValue<string>());
        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        var withOldSession = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = NewPassword, newPassword = "Yet-Another-Choice-5" }, bearer: accessToken);
        withOldSession.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_wrong_current_password_is_invalid_credentials()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var accessToken = await api.TokenAsync(user.Username, "employee");

        var reply = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = "Not-My-Password-1", newPassword = NewPassword }, bearer: accessToken);

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_with_the_current_password_needs_a_signed_in_user()
    {
        var reply = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = NewPassword });

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_own_change_against_the_policy_is_refused()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var accessToken = await api.TokenAsync(user.Username, "employee");

        var reply = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = Api.Password }, bearer: accessToken);

        Assert.Equal(["reused"], Violations(reply));
    }

    [Fact]
    public async Task A_temporary_password_signs_in_with_a_change_required()
    {
        var organizationId = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var client = await api.CreateUserAsync(organizationId, role: "client", password: null);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/temporary-password", asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        var temporary = reply.Json!["temporaryPassword"]!.GetValue<string>();
        Assert.True(temporary.Length >= 16);
        var login = (await api.LoginAsync(client.Username, temporary, portal: "client")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("password_change_required", login.Json!["status"]!.GetValue<string>());
        Assert.Equal("temporary", login.Json["reason"]!.GetValue<string>());
        Assert.Contains("temporary_password_issued", await ActionsAsync(client.Id));
        Assert.DoesNotContain(temporary, (await api.EventsAsync(client.Id)).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_of_two_organizations_gets_no_temporary_password()
    {
        var first = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var second = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var client = await api.CreateUserAsync(first, role: "client");
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/members", new { userId = client.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/temporary-password", asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "multiple_organizations");
        Assert.Equal("ok", (await api.LoginAsync(client.Username, portal: "client")).Json!["status"]!.GetValue<string>());
    }

    // --- rotation ---

    [Fact]
    public async Task A_rotating_password_gets_a_reminder_then_expires_and_sign_in_asks_for_a_change()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reminder = Assert.Single(await app.Mail.WaitForAsync(user.Email, timeout: TimeSpan.FromSeconds(30)));
        Assert.Equal("Your password expires soon", reminder.Subject);
        Assert.Contains("Your password expires on", reminder.TextBody, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await ActionsAsync(user.Id)).Contains("password_expired"), TimeSpan.FromSeconds(30));

        var login = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("password_change_required", login.Json!["status"]!.GetValue<string>());
        Assert.Equal("expired", login.Json["reason"]!.GetValue<string>());
        var actions = await ActionsAsync(user.Id);
        Assert.True(actions.IndexOf("password_expired") < actions.IndexOf("password_expiry_reminder_sent"), string.Join(", ", actions));
        Assert.Single(actions, "password_expired");
        Assert.Single(actions, "password_expiry_reminder_sent");
        var rotation = (await api.SendAsync(HttpMethod.Get, $"/api/workflows/PasswordRotation/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("completed", rotation.Json!["status"]!.GetValue<string>());
        Assert.Equal("expired", rotation.Json["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_password_is_replaced_with_the_change_token_and_rotation_starts_again()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await Eventually.TrueAsync(async () => (await ActionsAsync(user.Id)).Contains("password_expired"), TimeSpan.FromSeconds(30));
        var changeToken = (await api.LoginAsync(user.Username)).Json!["changeToken"]!.GetValue<string>();

        var changed = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { changeToken, newPassword = NewPassword });

        Assert.Equal("ok", changed.ShouldBe(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
        // The orchestration starts again for the new password (pending for a moment, then waiting for its reminder).
        JsonNode? rotation = null;
        await Eventually.TrueAsync(async () =>
        {
            rotation = (await api.SendAsync(HttpMethod.Get, $"/api/workflows/PasswordRotation/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK).Json;
            return rotation!["status"]!.GetValue<string>() == "running" && rotation["step"]?.GetValue<string>() == "remind";
        }, TimeSpan.FromSeconds(20));
        var changedAt = rotation!["state"]!["changedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(DateTimeOffset.UtcNow - changedAt < TimeSpan.FromSeconds(30), $"The rotation follows a password set at {changedAt:O}, not the new one.");
    }

    // --- the link's page, when it opens (POST /api/password/reset/check) ---

    private Task<Reply> CheckAsync(string token) => api.SendAsync(HttpMethod.Post, "/api/password/reset/check", new { token });

    [Fact]
    public async Task Checking_a_link_shows_its_purpose_expiry_and_password_rules_and_never_uses_it()
    {
        var organizationId = await api.CreateOrganizationAsync(new { minPasswordLength = 15, passwordHistory = 6, passwordMaxAgeDays = 0 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId]);
        var token = await ForgotAndReadTokenAsync(user);

        var first = await CheckAsync(token);
        var second = await CheckAsync(token);

        first.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("reset", first.Json!["purpose"]!.GetValue<string>());
        Assert.True(first.Json["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        Assert.Equal(15, first.Json["passwordRules"]!["minLength"]!.GetValue<int>());
        Assert.Equal(256, first.Json["passwordRules"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(6, first.Json["passwordRules"]!["history"]!.GetValue<int>());
        second.ShouldBe(HttpStatusCode.OK);
        (await ResetAsync(token, "Amber-Lighthouse-77-x")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal("no-store", first.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task Checking_a_used_superseded_or_unknown_link_says_why_it_cannot_be_used()
    {
        var (_, _, user) = await StaffWithoutRotationAsync();
        var superseded = await ForgotAndReadTokenAsync(user);
        var used = await ForgotAndReadTokenAsync(user, emailNumber: 2);
        (await ResetAsync(used)).ShouldBe(HttpStatusCode.NoContent);

        ShouldBeInvalidLink(await CheckAsync(used), "used");
        ShouldBeInvalidLink(await CheckAsync(superseded), "superseded");
        ShouldBeInvalidLink(await CheckAsync(used[..^4] + "AAAA"), "unknown");
        ShouldBeInvalidLink(await CheckAsync("not-a-token"), "unknown");
        (await api.SendAsync(HttpMethod.Post, "/api/password/reset/check", new { token = new string('x', 513) })).ShouldBeInvalidRequest("token");
    }
}
