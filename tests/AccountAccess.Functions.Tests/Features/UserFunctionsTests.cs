using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>GET, PATCH and DELETE /api/users/{userId}: the employee file, never a secret, absent differs from null; erasure.</summary>
[Collection(AppCollection.Name)]
public sealed class UserFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_user_as_shown_never_holds_a_password_hash_stamp_or_token()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(user.Username, "employee");

        var reply = await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        foreach (var secret in new[] { "hash", "AQAAAA", "securityStamp", "stamp", "secret", "token", Api.Password, token })
        {
            Assert.DoesNotContain(secret, reply.Body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(user.Username, reply.Json!["username"]!.GetValue<string>());
        Assert.Equal("active", reply.Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_main_email_makes_the_new_one_a_login_and_frees_the_old_one()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        var newEmail = Api.Unique("new") + "@example.com";

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { email = newEmail }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(newEmail, reply.Json!["email"]!.GetValue<string>());
        (await api.LoginAsync(newEmail.ToUpperInvariant())).ShouldBe(HttpStatusCode.OK);
        var successor = await api.CreateUserAsync(organizationId, unitIds: [unitId], email: user.Email);
        var oldEmailLogin = await api.LoginAsync(user.Email);
        Assert.Equal(successor.Id, oldEmailLogin.ShouldBe(HttpStatusCode.OK).Json!["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patching_to_an_email_another_account_holds_is_login_taken_and_changes_nothing()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var holder = await api.CreateUserAsync(organizationId, password: null);
        var user = await api.CreateUserAsync(await api.CreateOrganizationAsync(), password: null);
        var before = await GetAsync(user.Id);

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { email = holder.Email.ToUpperInvariant(), displayName = "Changed" }, asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "login_taken");
        Assert.Equal("email", reply.Details!["field"]!.GetValue<string>());
        Assert.Equal(before.Body, (await GetAsync(user.Id)).Body);
    }

    [Fact]
    public async Task Patching_a_secondary_email_another_account_holds_is_login_taken()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var holder = await api.CreateUserAsync(organizationId, password: null);
        var user = await api.CreateUserAsync(organizationId, password: null);

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { secondaryEmails = new[] { holder.Email } }, asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "login_taken");
    }

    [Fact]
    public async Task A_null_departure_date_clears_it_and_an_absent_one_leaves_it()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], extra: new { departureDate = "2020-01-31" });

        var absent = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { displayName = "Still leaving" }, asOperator: true);
        Assert.Equal("2020-01-31", absent.ShouldBe(HttpStatusCode.OK).Json!["departureDate"]!.GetValue<string>());

        var cleared = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", """{"departureDate":null}""", asOperator: true);

        cleared.ShouldBe(HttpStatusCode.OK);
        Assert.True(cleared.Json!.AsObject().ContainsKey("departureDate"));
        Assert.Null(cleared.Json["departureDate"]);
        Assert.Equal("Still leaving", cleared.Json["displayName"]!.GetValue<string>());
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_null_phone_clears_it()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var user = await api.CreateUserAsync(organizationId, password: null, extra: new { phone = "+15145550100" });

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", """{"phone":null}""", asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Null(reply.Json!["phone"]);
    }

    [Fact]
    public async Task An_unknown_field_is_named_in_an_invalid_request()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var user = await api.CreateUserAsync(organizationId, password: null);

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { displayName = "x", password = "Sneaky-Password-1" }, asOperator: true);

        reply.ShouldBeInvalidRequest("password");
    }

    [Fact]
    public async Task A_unit_the_organization_does_not_have_is_invalid_unitIds_and_changes_nothing()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var foreignUnit = await api.CreateUnitAsync(await api.CreateOrganizationAsync());
        var before = await GetAsync(user.Id);

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { unitIds = new[] { foreignUnit } }, asOperator: true);

        reply.ShouldBeInvalidRequest("unitIds");
        Assert.Equal(before.Body, (await GetAsync(user.Id)).Body);
    }

    [Fact]
    public async Task Units_and_permissions_of_the_membership_can_be_changed()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync(role: "manager");
        var secondUnit = await api.CreateUnitAsync(organizationId);

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}",
            new { unitIds = new[] { unitId, secondUnit }, permissions = new[] { "user_management" } }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        var membership = reply.Json!["memberships"]![0]!;
        Assert.Equal(new[] { unitId, secondUnit }, membership["unitIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal(["user_management"], membership["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_change_is_recorded_with_the_fields_that_changed()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var user = await api.CreateUserAsync(organizationId, password: null);

        await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { displayName = "New name", visible = false }, asOperator: true, forwardedFor: "192.0.2.44");

        var updated = (await api.EventsAsync(user.Id))[0]!;
        Assert.Equal("user_updated", updated["action"]!.GetValue<string>());
        Assert.Equal("operator", updated["actor"]!["kind"]!.GetValue<string>());
        Assert.Equal("192.0.2.44", updated["ip"]!.GetValue<string>());
        Assert.Equal(["displayName", "visible"], updated["details"]!["fields"]!.GetValue<string>().Split(','));
    }

    [Fact]
    public async Task An_administrator_may_read_and_edit_its_members_but_not_those_of_another_organization()
    {
        var (organizationId, _, member) = await api.CreateStaffAsync();
        var outsider = await api.CreateUserAsync(await api.CreateOrganizationAsync(), password: null);
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var token = await api.TokenAsync(administrator.Username, "management");

        var read = await api.SendAsync(HttpMethod.Get, $"/api/users/{member.Id}", bearer: token);
        var edit = await api.SendAsync(HttpMethod.Patch, $"/api/users/{member.Id}", new { displayName = "Edited by admin" }, bearer: token);
        var readOutsider = await api.SendAsync(HttpMethod.Get, $"/api/users/{outsider.Id}", bearer: token);
        var editOutsider = await api.SendAsync(HttpMethod.Patch, $"/api/users/{outsider.Id}", new { displayName = "Hijacked" }, bearer: token);

        read.ShouldBe(HttpStatusCode.OK);
        edit.ShouldBe(HttpStatusCode.OK);
        readOutsider.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        editOutsider.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<Reply> GetAsync(string userId) =>
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{userId}", asOperator: true)).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task A_password_set_with_precomposed_accents_signs_in_typed_with_combining_ones()
    {
        // NIST SP 800-63B 5.1.1.2: the same password from another keyboard (NFD, as some systems send it) is the same password.
        var composed = "Cr\u00E8me-br\u00FBl\u00E9e-Z\u00E9phyr-7";
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, "employee", [unitId], password: composed);

        (await api.LoginAsync(user.Username, composed.Normalize(System.Text.NormalizationForm.FormD))).ShouldBe(HttpStatusCode.OK);
    }

    // --- DELETE ---

    [Fact]
    public async Task An_erased_user_is_not_found_cannot_sign_in_and_its_username_and_email_are_free_at_once()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(user.Username, "employee");

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}/events", asOperator: true)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = "Whatever-Long-2026" }, bearer: token))
            .ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", asOperator: true)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        var again = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users", new
        {
            username = user.Username, displayName = "Jean, spelt right", role = "employee", email = user.Email, password = Api.Password, unitIds = new[] { unitId },
        }, asOperator: true);
        again.ShouldBe(HttpStatusCode.Created);
        Assert.NotEqual(user.Id, again.Json!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Erasing_stops_the_users_rotation()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await Eventually.TrueAsync(async () => (await api.SendAsync(HttpMethod.Get, $"/api/workflows/PasswordRotation/{user.Id}", asOperator: true)).Json?["status"]?.GetValue<string>() == "running");

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        await Eventually.TrueAsync(async () => (await api.SendAsync(HttpMethod.Get, $"/api/workflows/PasswordRotation/{user.Id}", asOperator: true)).Json?["status"]?.GetValue<string>() == "terminated", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_administrator_erases_a_user_of_their_organization_but_not_one_elsewhere()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, "administrator", [unitId]);
        var (_, _, elsewhere) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(administrator.Username, "management");

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{elsewhere.Id}", bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", bearer: token)).ShouldBe(HttpStatusCode.NoContent);
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{elsewhere.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_caller_erasing_is_unauthorized()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
    }
}
