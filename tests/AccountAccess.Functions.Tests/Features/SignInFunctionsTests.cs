using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>POST /api/auth/login, one row of API.md's sign-in table per test, over HTTP against Azurite.</summary>
[Collection(AppCollection.Name)]
public sealed class SignInFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_correct_password_signs_in_with_a_token_the_role_and_the_organizations()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();

        var reply = await api.LoginAsync(user.Username);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", reply.Json!["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(reply.Json["accessToken"]!.GetValue<string>()));
        Assert.EndsWith("Z", reply.Json["expiresAt"]!.GetValue<string>());
        Assert.Equal(user.Id, reply.Json["user"]!["id"]!.GetValue<string>());
        Assert.Equal("employee", reply.Json["user"]!["role"]!.GetValue<string>());
        Assert.Equal(organizationId, reply.Json["user"]!["organizationIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_successful_sign_in_from_a_trusted_device_costs_at_most_three_storage_round_trips()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var device = await api.TrustedDeviceAsync(user.Username);

        var reply = await api.LoginAsync(user.Username, deviceToken: device);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.True(int.Parse(reply.Headers["X-Storage-Round-Trips"]) <= 3, $"round trips: {reply.Headers["X-Storage-Round-Trips"]}");
    }

    [Fact]
    public async Task Unknown_login_and_wrong_password_get_the_same_answer()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var unknown = await api.LoginAsync(Api.Unique("nobody"));
        var wrong = await api.LoginAsync(user.Username, "Wrong-Password-123");

        unknown.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        wrong.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(unknown.Body, wrong.Body);
    }

    [Fact]
    public async Task An_unknown_login_costs_the_storage_round_trips_of_a_wrong_password_so_its_time_tells_nothing()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var unknown = await api.LoginAsync(Api.Unique("nobody"), "Wrong-Password-123");
        var wrong = await api.LoginAsync(user.Username, "Wrong-Password-123");

        unknown.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(wrong.Headers["X-Storage-Round-Trips"], unknown.Headers["X-Storage-Round-Trips"]);
    }

    [Fact]
    public async Task The_main_email_is_a_login_matched_case_insensitively_after_NFKC()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var fullWidthUpper = string.Concat(user.Email.ToUpperInvariant().Select(c => c is >= 'A' and <= 'Z' ? (char)(c - 'A' + 'Ａ') : c));

        var reply = await api.LoginAsync("  " + fullWidthUpper + " ");

        reply.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_secondary_email_is_not_a_login()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var unitId = await api.CreateUnitAsync(organizationId);
        var secondary = Api.Unique("second") + "@example.com";
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], extra: new { secondaryEmails = new[] { secondary } });

        var reply = await api.LoginAsync(secondary);

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await api.LoginAsync(user.Email)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reaching_max_failed_attempts_deactivates_the_account_and_then_no_password_gets_in()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });

        for (var i = 0; i < 3; i++)
        {
            (await api.LoginAsync(user.Username, "Wrong-Password-123")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        var blocker = (await api.DiagnoseAsync(user.Id))["blockers"]!.AsArray().Single(b => b!["code"]!.GetValue<string>() == "account_deactivated")!;
        Assert.Equal("too_many_attempts", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Null(blocker["details"]!["until"]);
    }

    [Fact]
    public async Task Guesses_while_locked_are_not_counted()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 2 });
        await api.LoginAsync(user.Username, "Wrong-Password-123");
        await api.LoginAsync(user.Username, "Wrong-Password-123");

        await api.LoginAsync(user.Username, "Wrong-Password-123");
        await api.LoginAsync(user.Username);

        var shown = (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, shown.Json!["failedAttempts"]!["count"]!.GetValue<int>());
        Assert.Equal(2, await api.CountEventsAsync(user.Id, "sign_in_failed"));
    }

    [Fact]
    public async Task A_correct_password_resets_the_failed_attempt_count()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });

        await api.LoginAsync(user.Username, "Wrong-Password-123");
        await api.LoginAsync(user.Username, "Wrong-Password-123");
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        await api.LoginAsync(user.Username, "Wrong-Password-123");
        await api.LoginAsync(user.Username, "Wrong-Password-123");

        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_timed_lockout_ends_by_itself_and_the_sweep_lifts_it()
    {
        // lockoutMinutes is replaced by Lockouts:DurationOverride (2 s) in the test app, and the sweep runs every second.
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 1, lockoutMinutes = 30 });

        await api.LoginAsync(user.Username, "Wrong-Password-123");
        var locked = await api.LoginAsync(user.Username);

        locked.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        await Eventually.TrueAsync(async () => (await api.EventsAsync(user.Id)).Any(e => e!["action"]!.GetValue<string>() == "lock_expired"));
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_departure_date_in_the_past_refuses_sign_in()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], extra: new { departureDate = "2020-01-31" });

        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Forbidden, "account_departed");
    }

    [Fact]
    public async Task A_client_whose_access_the_organization_revoked_is_refused()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var user = await api.CreateUserAsync(organizationId, role: "client");
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/revoke-access", new { organizationId }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        (await api.LoginAsync(user.Username, portal: "client")).ShouldBeError(HttpStatusCode.Forbidden, "access_revoked");
    }

    [Fact]
    public async Task A_role_the_portal_does_not_accept_is_told_which_portal_to_use()
    {
        var (_, _, manager) = await api.CreateStaffAsync(role: "manager");

        var reply = await api.LoginAsync(manager.Username, portal: "employee");

        reply.ShouldBeError(HttpStatusCode.Forbidden, "wrong_portal");
        Assert.Equal("management", reply.Details!["expectedPortal"]!.GetValue<string>());
    }

    [Fact]
    public async Task Staff_without_unit_rights_have_no_organization_linked()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var user = await api.CreateUserAsync(organizationId, role: "employee", unitIds: []);

        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Forbidden, "no_organization_linked");
    }

    [Fact]
    public async Task Members_of_an_organization_that_left_the_service_are_suspended()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/leave", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var reply = await api.LoginAsync(user.Username);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "organization_suspended");
        Assert.Equal("left_service", reply.Details!["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("3.2.0", HttpStatusCode.UpgradeRequired)]
    [InlineData("3.9.9", HttpStatusCode.UpgradeRequired)]
    [InlineData("3.10.0", HttpStatusCode.OK)]
    [InlineData("3.10.1", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task An_app_older_than_the_minimum_version_must_update(string? appVersion, HttpStatusCode expected)
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { minimumAppVersion = "3.10.0" });

        var reply = await api.LoginAsync(user.Username, appVersion: appVersion);

        reply.ShouldBe(expected);
        if (expected == HttpStatusCode.UpgradeRequired)
        {
            reply.ShouldBeError(HttpStatusCode.UpgradeRequired, "app_update_required");
            Assert.Equal("3.10.0", reply.Details!["minimumVersion"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Messages_follow_Accept_Language_and_codes_do_not()
    {
        var english = await api.LoginAsync(Api.Unique("nobody"));
        var french = await api.LoginAsync(Api.Unique("nobody"), language: "fr-CA,fr;q=0.9");

        Assert.Equal("invalid_credentials", french.ErrorCode);
        Assert.NotEqual(english.Json!["error"]!["message"]!.GetValue<string>(), french.Json!["error"]!["message"]!.GetValue<string>());
        Assert.Contains("mot de passe", french.Json["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refusal_after_a_proven_password_says_what_to_do_in_the_words_of_the_diagnosis()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var wrong = await api.LoginAsync(user.Username, "Wrong-Password-123");
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", new { reason = "manual" }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var refused = await api.LoginAsync(user.Username);
        var refusedInFrench = await api.LoginAsync(user.Username, language: "fr");
        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.Null(wrong.Json!["error"]!["remedy"]);
        Assert.Null(wrong.Json!["error"]!["remedyCode"]);
        Assert.Equal("ask_supervisor_to_reactivate", refused.Json!["error"]!["remedyCode"]!.GetValue<string>());
        var blocker = diagnosis["blockers"]!.AsArray().Single(b => b!["code"]!.GetValue<string>() == "account_deactivated")!;
        Assert.Equal(blocker["remedy"]!.GetValue<string>(), refused.Json["error"]!["remedy"]!.GetValue<string>());
        Assert.StartsWith("Demandez", refusedInFrench.Json!["error"]!["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merged_account_is_told_to_use_the_other_one_without_naming_it()
    {
        var (organizationId, unitId, source) = await api.CreateStaffAsync();
        var target = await api.CreateUserAsync(organizationId, unitIds: [unitId]);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/merge", new { intoUserId = target.Id }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var refused = await api.LoginAsync(source.Username);

        refused.ShouldBeError(HttpStatusCode.Forbidden, "account_deactivated");
        Assert.Equal("sign_in_with_merged_account", refused.Json!["error"]!["remedyCode"]!.GetValue<string>());
        var remedy = refused.Json["error"]!["remedy"]!.GetValue<string>();
        Assert.DoesNotContain("{", remedy, StringComparison.Ordinal);
        Assert.DoesNotContain(target.Username, remedy, StringComparison.Ordinal);
    }
}
