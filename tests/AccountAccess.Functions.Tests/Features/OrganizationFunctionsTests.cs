using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>Provisioning organizations, units, users and members (API.md "Operator provisioning"), and who may do it.</summary>
[Collection(AppCollection.Name)]
public sealed class OrganizationFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task Creating_an_organization_answers_201_with_the_documented_policy_defaults_nulls_included()
    {
        var name = Api.Unique("org");

        var reply = await api.SendAsync(HttpMethod.Post, "/api/organizations", new { name }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.Created);
        Assert.StartsWith("org_", reply.Json!["id"]!.GetValue<string>());
        Assert.Equal(name, reply.Json["name"]!.GetValue<string>());
        var policy = reply.Json["policy"]!.AsObject();
        var expected = JsonNode.Parse("""
            {"preset": null, "maxFailedAttempts": 6, "lockoutMinutes": null, "passwordMaxAgeDays": 90, "passwordExpiryReminderDays": 7,
             "minPasswordLength": 12, "passwordHistory": 4, "minimumAppVersion": null, "requireTwoFactor": false, "unlockByPasswordReset": false,
             "emailSecondFactor": false, "trustedDevicesBypassLockout": true, "requirePhishingResistant": false}
            """)!.AsObject();
        Assert.True(JsonNode.DeepEquals(expected, policy), policy.ToJsonString());
        Assert.True(policy.ContainsKey("lockoutMinutes") && policy.ContainsKey("minimumAppVersion"), "nulls must be written");
    }

    [Fact]
    public async Task Times_are_iso_utc_with_a_Z()
    {
        var organizationId = await api.CreateOrganizationAsync();

        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);

        var createdAt = reply.Json!["createdAt"]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", createdAt);
    }

    [Fact]
    public async Task Getting_an_organization_shows_its_status_policy_and_billing()
    {
        var organizationId = await api.CreateOrganizationAsync(policy: new { maxFailedAttempts = 4, lockoutMinutes = 30 });

        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(organizationId, reply.Json!["id"]!.GetValue<string>());
        Assert.Equal("active", reply.Json["status"]!.GetValue<string>());
        Assert.Equal(4, reply.Json["policy"]!["maxFailedAttempts"]!.GetValue<int>());
        Assert.Equal(30, reply.Json["policy"]!["lockoutMinutes"]!.GetValue<int>());
        Assert.Equal(0, reply.Json["billing"]!["unpaidInvoices"]!.GetValue<int>());
        Assert.False(reply.Json["billing"]!["suspended"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_organization_that_does_not_exist_is_not_found_for_the_operator()
    {
        var reply = await api.SendAsync(HttpMethod.Get, "/api/organizations/org_doesnotexist0000", asOperator: true);

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Putting_a_policy_answers_it_and_the_organization_keeps_it()
    {
        var organizationId = await api.CreateOrganizationAsync();

        var reply = await api.SendAsync(HttpMethod.Put, $"/api/organizations/{organizationId}/policy",
            new { maxFailedAttempts = 3, lockoutMinutes = 45, minimumAppVersion = "3.10.0", requireTwoFactor = true }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, reply.Json!["maxFailedAttempts"]!.GetValue<int>());
        Assert.Equal(90, reply.Json["passwordMaxAgeDays"]!.GetValue<int>());
        var stored = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);
        Assert.True(JsonNode.DeepEquals(reply.Json, stored.Json!["policy"]), stored.Body);
    }

    [Theory]
    [InlineData("maxFailedAttempts", 0)]
    [InlineData("maxFailedAttempts", 21)]
    [InlineData("lockoutMinutes", 0)]
    [InlineData("passwordMaxAgeDays", -1)]
    [InlineData("minPasswordLength", 4)]
    [InlineData("passwordHistory", 25)]
    public async Task A_policy_value_out_of_range_is_invalid_and_changes_nothing(string field, int value)
    {
        var organizationId = await api.CreateOrganizationAsync();
        var before = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);

        var reply = await api.SendAsync(HttpMethod.Put, $"/api/organizations/{organizationId}/policy", new JsonObject { [field] = value }, asOperator: true);

        reply.ShouldBeInvalidRequest(field);
        Assert.Equal(before.Body, (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true)).Body);
    }

    [Fact]
    public async Task Adding_a_unit_answers_201_with_its_id_and_name()
    {
        var organizationId = await api.CreateOrganizationAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/units", new { name = "Plateau studio" }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.Created);
        Assert.StartsWith("unit_", reply.Json!["id"]!.GetValue<string>());
        Assert.Equal("Plateau studio", reply.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_a_user_with_a_password_answers_201_active()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var unitId = await api.CreateUnitAsync(organizationId);
        var username = Api.Unique("user");

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users",
            new { username, displayName = "Ada", role = "employee", unitIds = new[] { unitId }, password = Api.Password }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.Created);
        Assert.StartsWith("usr_", reply.Json!["id"]!.GetValue<string>());
        Assert.Equal(username, reply.Json["username"]!.GetValue<string>());
        Assert.Equal("active", reply.Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_a_user_without_a_password_leaves_it_pending_activation()
    {
        var organizationId = await api.CreateOrganizationAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users",
            new { username = Api.Unique("user"), displayName = "Ada", role = "client" }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("pending_activation", reply.Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_username_taken_in_another_organization_in_another_case_is_login_taken()
    {
        var first = await api.CreateOrganizationAsync();
        var second = await api.CreateOrganizationAsync();
        var taken = await api.CreateUserAsync(first, password: null);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/users",
            new { username = taken.Username.ToUpperInvariant(), displayName = "Copy", role = "client" }, asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "login_taken");
    }

    [Fact]
    public async Task A_main_email_taken_in_another_organization_after_NFKC_and_case_folding_is_login_taken()
    {
        var first = await api.CreateOrganizationAsync();
        var second = await api.CreateOrganizationAsync();
        var taken = await api.CreateUserAsync(first, password: null);
        var fullWidthUpper = string.Concat(taken.Email.ToUpperInvariant().Select(c => c is >= 'A' and <= 'Z' ? (char)(c - 'A' + 'Ａ') : c));

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/users",
            new { username = Api.Unique("user"), displayName = "Copy", role = "client", email = taken.Email.ToUpperInvariant() }, asOperator: true);
        var nfkc = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/users",
            new { username = Api.Unique("user"), displayName = "Copy", role = "client", email = " " + fullWidthUpper }, asOperator: true);
        reply.ShouldBeError(HttpStatusCode.Conflict, "login_taken");
        nfkc.ShouldBeError(HttpStatusCode.Conflict, "login_taken");
        Assert.Equal("email", nfkc.Details!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_secondary_email_is_unique_across_organizations_too()
    {
        var first = await api.CreateOrganizationAsync();
        var second = await api.CreateOrganizationAsync();
        var secondary = Api.Unique("second") + "@example.com";
        await api.CreateUserAsync(first, password: null, extra: new { secondaryEmails = new[] { secondary } });

        var asMain = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/users",
            new { username = Api.Unique("user"), displayName = "Copy", role = "client", email = secondary.ToUpperInvariant() }, asOperator: true);
        var asSecondary = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/users",
            new { username = Api.Unique("user"), displayName = "Copy", role = "client", secondaryEmails = new[] { " " + secondary + " " } }, asOperator: true);

        asMain.ShouldBeError(HttpStatusCode.Conflict, "login_taken");
        asSecondary.ShouldBeError(HttpStatusCode.Conflict, "login_taken");
    }

    [Fact]
    public async Task A_refused_duplicate_leaves_its_other_names_free()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var taken = await api.CreateUserAsync(organizationId, password: null);
        var freshEmail = Api.Unique("fresh") + "@example.com";

        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users",
            new { username = taken.Username, displayName = "Copy", role = "client", email = freshEmail }, asOperator: true)).ShouldBeError(HttpStatusCode.Conflict, "login_taken");

        await api.CreateUserAsync(organizationId, password: null, email: freshEmail);
    }

    [Fact]
    public async Task A_client_added_to_a_second_company_signs_in_on_the_client_portal_with_both()
    {
        var first = await api.CreateOrganizationAsync();
        var second = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(first, role: "client");

        var added = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/members", new { userId = client.Id, role = "client" }, asOperator: true);

        added.ShouldBe(HttpStatusCode.Created);
        var login = await api.LoginAsync(client.Username, portal: "client");
        login.ShouldBe(HttpStatusCode.OK);
        var organizationIds = login.Json!["user"]!["organizationIds"]!.AsArray().Select(o => o!.GetValue<string>()).Order().ToList();
        Assert.Equal(new[] { first, second }.Order().ToList(), organizationIds);
    }

    [Fact]
    public async Task Adding_a_member_twice_is_an_invalid_state()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(organizationId, role: "client", password: null);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/members", new { userId = client.Id, role = "client" }, asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task Leaving_the_service_suspends_every_member_and_leaving_twice_is_an_invalid_state()
    {
        var (organizationId, _, employee) = await api.CreateStaffAsync();
        var client = await api.CreateUserAsync(organizationId, role: "client");

        var left = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/leave", asOperator: true);
        var again = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/leave", asOperator: true);

        left.ShouldBe(HttpStatusCode.NoContent);
        again.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
        foreach (var (login, portal) in new[] { (employee.Username, "employee"), (client.Username, "client") })
        {
            var reply = await api.LoginAsync(login, portal: portal);
            reply.ShouldBeError(HttpStatusCode.Forbidden, "organization_suspended");
            Assert.Equal("left_service", reply.Details!["reason"]!.GetValue<string>());
        }

        Assert.Equal("left_service", (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true)).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_of_two_companies_keeps_access_through_the_one_that_stays()
    {
        var leaving = await api.CreateOrganizationAsync();
        var staying = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(leaving, role: "client");
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{staying}/members", new { userId = client.Id, role = "client" }, asOperator: true)).ShouldBe(HttpStatusCode.Created);

        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{leaving}/leave", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var login = await api.LoginAsync(client.Username, portal: "client");
        login.ShouldBe(HttpStatusCode.OK);
        Assert.Equal([staying], login.Json!["user"]!["organizationIds"]!.AsArray().Select(o => o!.GetValue<string>()));
    }

    // --- Who may -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Without_credentials_or_with_a_wrong_operator_key_provisioning_is_unauthorized()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var withWrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/organizations") { Content = System.Net.Http.Json.JsonContent.Create(new { name = "x" }) };
        withWrongKey.Headers.Add("X-Operator-Key", RunningApp.OperatorKey + "-wrong");
        var emptyKey = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{organizationId}");
        emptyKey.Headers.Add("X-Operator-Key", "");

        var replies = new[]
        {
            await api.SendAsync(HttpMethod.Post, "/api/organizations", new { name = "x" }),
            await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}"),
            await api.SendAsync(HttpMethod.Put, $"/api/organizations/{organizationId}/policy", new { maxFailedAttempts = 3 }),
            await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/units", new { name = "x" }),
            await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users", new { username = Api.Unique("u"), displayName = "x", role = "client" }),
            await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/leave"),
            await api.SendAsync(withWrongKey),
            await api.SendAsync(emptyKey),
        };

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized"));
        Assert.Equal("active", (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true)).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_administrator_may_add_units_and_create_users_in_its_own_organization()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var token = await AdministratorTokenAsync(organizationId);

        var unit = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/units", new { name = "Own unit" }, bearer: token);
        var user = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users",
            new { username = Api.Unique("user"), displayName = "Hired", role = "employee" }, bearer: token);
        var seen = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", bearer: token);

        unit.ShouldBe(HttpStatusCode.Created);
        user.ShouldBe(HttpStatusCode.Created);
        seen.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_is_forbidden_another_organization()
    {
        var own = await api.CreateOrganizationAsync();
        var other = await api.CreateOrganizationAsync();
        var token = await AdministratorTokenAsync(own);

        var replies = new[]
        {
            await api.SendAsync(HttpMethod.Get, $"/api/organizations/{other}", bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/organizations/{other}/units", new { name = "Foreign unit" }, bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/organizations/{other}/users", new { username = Api.Unique("user"), displayName = "x", role = "employee" }, bearer: token),
        };

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Forbidden, "forbidden"));
    }

    [Fact]
    public async Task An_administrator_may_not_change_the_policy_create_organizations_add_members_or_leave()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var outsider = await api.CreateUserAsync(await api.CreateOrganizationAsync(), role: "client", password: null);
        var token = await AdministratorTokenAsync(organizationId);
        var before = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);

        var replies = new[]
        {
            await api.SendAsync(HttpMethod.Put, $"/api/organizations/{organizationId}/policy", new { maxFailedAttempts = 20 }, bearer: token),
            await api.SendAsync(HttpMethod.Post, "/api/organizations", new { name = Api.Unique("org") }, bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/members", new { userId = outsider.Id, role = "client" }, bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/leave", bearer: token),
        };

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Forbidden, "forbidden"));
        Assert.Equal(before.Body, (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true)).Body);
    }

    [Fact]
    public async Task An_employee_is_forbidden_provisioning_even_in_its_own_organization()
    {
        var (organizationId, _, employee) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(employee.Username, "employee");

        var unit = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/units", new { name = "x" }, bearer: token);
        var user = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users", new { username = Api.Unique("user"), displayName = "x", role = "employee" }, bearer: token);

        unit.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        user.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<string> AdministratorTokenAsync(string organizationId)
    {
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        return await api.TokenAsync(administrator.Username, "management");
    }
}
