using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Deactivate, reactivate, revoke and restore access, the audit trail, and who may do them (API.md "Administration and
/// support"): the operator; an administrator of the organization; a supervisor (a manager with user_management sharing
/// a unit) for some of them; nobody else.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AdministrationFunctionsTests(AppFixture fixture)
{
    private const string WrongPassword = "Wrong-Password-123";

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task Deactivating_an_account_refuses_sign_in_with_reason_manual()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", new { reason = "manual" }, asOperator: true);

        reply.ShouldBe(HttpStatusCode.NoContent);
        var login = await api.LoginAsync(user.Username);
        login.ShouldBeError(HttpStatusCode.Forbidden, "account_deactivated");
        Assert.Equal("manual", login.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deactivating_without_a_body_means_manual()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var shown = await GetUserAsync(user.Id);
        Assert.Equal("deactivated", shown.Json!["status"]!.GetValue<string>());
        Assert.Equal("manual", shown.Json["deactivation"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deactivating_a_deactivated_account_is_an_invalid_state()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await DeactivateAsync(user.Id);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task Reactivating_clears_a_lock_from_too_many_attempts()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 1 });
        await api.LoginAsync(user.Username, WrongPassword);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/reactivate", asOperator: true);

        reply.ShouldBe(HttpStatusCode.NoContent);
        var shown = await GetUserAsync(user.Id);
        Assert.Equal(0, shown.Json!["failedAttempts"]!["count"]!.GetValue<int>());
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reactivating_clears_a_manual_lock()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await DeactivateAsync(user.Id);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/reactivate", asOperator: true);

        reply.ShouldBe(HttpStatusCode.NoContent);
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reactivating_an_active_account_is_an_invalid_state()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/reactivate", asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task Revoking_then_restoring_a_clients_access_refuses_then_allows_sign_in()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(organizationId, role: "client");

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/revoke-access", new { organizationId }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        (await api.LoginAsync(client.Username, portal: "client")).ShouldBeError(HttpStatusCode.Forbidden, "access_revoked");
        var restored = await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/restore-access", new { organizationId }, asOperator: true);

        restored.ShouldBe(HttpStatusCode.NoContent);
        (await api.LoginAsync(client.Username, portal: "client")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_twice_and_restoring_what_was_not_revoked_are_invalid_states()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(organizationId, role: "client", password: null);

        var restoreFirst = await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/restore-access", new { organizationId }, asOperator: true);
        await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/revoke-access", new { organizationId }, asOperator: true);
        var revokeAgain = await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/revoke-access", new { organizationId }, asOperator: true);

        restoreFirst.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
        revokeAgain.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
    }

    // --- Who may: administrators -----------------------------------------------------------------------------------

    [Fact]
    public async Task An_administrator_of_the_organization_may_deactivate_reactivate_and_read_the_events_of_its_members()
    {
        var (organizationId, unitId, employee) = await api.CreateStaffAsync();
        var token = await AdministratorTokenAsync(organizationId);

        var deactivated = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/deactivate", bearer: token);
        var reactivated = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/reactivate", bearer: token);
        var events = await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}/events", bearer: token);

        deactivated.ShouldBe(HttpStatusCode.NoContent);
        reactivated.ShouldBe(HttpStatusCode.NoContent);
        events.ShouldBe(HttpStatusCode.OK);
        Assert.NotEmpty(events.Json!["events"]!.AsArray());
        _ = unitId;
    }

    [Fact]
    public async Task An_administrator_of_the_organization_may_revoke_and_restore_a_clients_access()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(organizationId, role: "client", password: null);
        var token = await AdministratorTokenAsync(organizationId);

        var revoked = await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/revoke-access", new { organizationId }, bearer: token);
        var restored = await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/restore-access", new { organizationId }, bearer: token);

        revoked.ShouldBe(HttpStatusCode.NoContent);
        restored.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_is_forbidden_everything()
    {
        var (_, _, employee) = await api.CreateStaffAsync();
        var otherOrganizationId = await api.CreateOrganizationAsync();
        var token = await AdministratorTokenAsync(otherOrganizationId);
        var before = await GetUserAsync(employee.Id);

        var replies = await AllAdministrationCallsAsync(employee.Id, otherOrganizationId, token);

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Forbidden, "forbidden"));
        Assert.Equal(before.Body, (await GetUserAsync(employee.Id)).Body);
    }

    [Fact]
    public async Task A_user_id_that_does_not_exist_is_forbidden_to_an_administrator_so_accounts_cannot_be_enumerated()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var token = await AdministratorTokenAsync(organizationId);

        var replies = await AllAdministrationCallsAsync("usr_doesnotexist0000", organizationId, token);

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Forbidden, "forbidden"));
    }

    [Fact]
    public async Task A_user_id_that_does_not_exist_is_not_found_for_the_operator()
    {
        var organizationId = await api.CreateOrganizationAsync();

        var replies = await AllAdministrationCallsAsync("usr_doesnotexist0000", organizationId, bearer: null);

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.NotFound, "not_found"));
    }

    [Fact]
    public async Task A_deactivated_administrators_token_stops_working_at_once()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var token = await api.TokenAsync(administrator.Username, "management");
        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", bearer: token)).ShouldBe(HttpStatusCode.OK);

        await DeactivateAsync(administrator.Id);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{administrator.Id}/reactivate", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        // Reactivated, but the deactivation changed the security stamp: the old token is dead for good.
        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", bearer: token)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Garbage_expired_and_foreign_bearer_tokens_are_unauthorized()
    {
        var (organizationId, _, employee) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var token = await api.TokenAsync(administrator.Username, "management");
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}", bearer: token)).ShouldBe(HttpStatusCode.OK);

        foreach (var bad in new[] { "garbage", "a.b.c", AccessTokens.Expired(token), AccessTokens.SignedWithAnotherKey(token), token + "x" })
        {
            (await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}", bearer: bad)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
            (await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/deactivate", bearer: bad)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        }

        Assert.Equal("active", (await GetUserAsync(employee.Id)).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_credentials_every_administration_route_is_unauthorized()
    {
        var (organizationId, _, employee) = await api.CreateStaffAsync();

        var replies = await AllAdministrationCallsAsync(employee.Id, organizationId, bearer: "", anonymous: true);

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized"));
    }

    // --- Who may: supervisors and managers ---------------------------------------------------------------------------

    [Fact]
    public async Task A_supervisor_may_deactivate_reactivate_and_read_the_events_of_a_user_sharing_a_unit()
    {
        var (organizationId, unitId, employee) = await api.CreateStaffAsync();
        var token = await ManagerTokenAsync(organizationId, unitId, ["user_management"]);

        var deactivated = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/deactivate", bearer: token);
        var events = await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}/events", bearer: token);
        var reactivated = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/reactivate", bearer: token);

        deactivated.ShouldBe(HttpStatusCode.NoContent);
        events.ShouldBe(HttpStatusCode.OK);
        reactivated.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_supervisor_is_forbidden_users_of_another_unit()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var otherUnitId = await api.CreateUnitAsync(organizationId);
        var elsewhere = await api.CreateUserAsync(organizationId, unitIds: [otherUnitId], password: null);
        var token = await ManagerTokenAsync(organizationId, unitId, ["user_management"]);

        var deactivate = await api.SendAsync(HttpMethod.Post, $"/api/users/{elsewhere.Id}/deactivate", bearer: token);
        var events = await api.SendAsync(HttpMethod.Get, $"/api/users/{elsewhere.Id}/events", bearer: token);

        deactivate.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        events.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("pending_activation", (await GetUserAsync(elsewhere.Id)).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_supervisor_may_not_edit_nor_revoke_access_even_within_its_unit()
    {
        var (organizationId, unitId, employee) = await api.CreateStaffAsync();
        var token = await ManagerTokenAsync(organizationId, unitId, ["user_management"]);
        var before = await GetUserAsync(employee.Id);

        var patch = await api.SendAsync(HttpMethod.Patch, $"/api/users/{employee.Id}", new { displayName = "Renamed" }, bearer: token);
        var revoke = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/revoke-access", new { organizationId }, bearer: token);

        patch.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        revoke.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before.Body, (await GetUserAsync(employee.Id)).Body);
    }

    [Fact]
    public async Task A_manager_without_user_management_is_forbidden()
    {
        var (organizationId, unitId, employee) = await api.CreateStaffAsync();
        var token = await ManagerTokenAsync(organizationId, unitId, []);

        var deactivate = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/deactivate", bearer: token);
        var events = await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}/events", bearer: token);

        deactivate.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        events.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("active", (await GetUserAsync(employee.Id)).Json!["status"]!.GetValue<string>());
    }

    // --- Audit trail -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_audit_trail_is_newest_first_and_records_who_why_and_from_where()
    {
        var (organizationId, _, employee) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var token = await api.TokenAsync(administrator.Username, "management");
        await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/deactivate", bearer: token, forwardedFor: "198.51.100.23");
        await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/reactivate", asOperator: true, forwardedFor: "198.51.100.24");

        var events = await api.EventsAsync(employee.Id);

        var actions = events.Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["reactivated", "deactivated", "user_created"], actions);
        var times = events.Select(e => DateTimeOffset.Parse(e!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(events, e => Assert.EndsWith("Z", e!["at"]!.GetValue<string>()));

        var reactivated = events[0]!;
        Assert.Equal("operator", reactivated["actor"]!["kind"]!.GetValue<string>());
        Assert.Equal("manual", reactivated["reason"]!.GetValue<string>());
        Assert.Equal("198.51.100.24", reactivated["ip"]!.GetValue<string>());

        var deactivated = events[1]!;
        Assert.Equal("user", deactivated["actor"]!["kind"]!.GetValue<string>());
        Assert.Equal(administrator.Id, deactivated["actor"]!["userId"]!.GetValue<string>());
        Assert.Equal("manual", deactivated["reason"]!.GetValue<string>());
        Assert.Equal("198.51.100.23", deactivated["ip"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_passwords_are_recorded_with_the_forwarded_client_ip()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        await api.LoginAsync(user.Username, WrongPassword, forwardedFor: "203.0.113.7");
        await api.LoginAsync(user.Username, WrongPassword, forwardedFor: "203.0.113.7");

        var failures = (await api.EventsAsync(user.Id)).Where(e => e!["action"]!.GetValue<string>() == "sign_in_failed").ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, e =>
        {
            Assert.Equal("203.0.113.7", e!["ip"]!.GetValue<string>());
            Assert.Equal("anonymous", e["actor"]!["kind"]!.GetValue<string>());
            Assert.Equal("wrong_password", e["reason"]!.GetValue<string>());
        });
        var failedAttempts = (await GetUserAsync(user.Id)).Json!["failedAttempts"]!;
        Assert.Equal(2, failedAttempts["count"]!.GetValue<int>());
        Assert.Equal("203.0.113.7", failedAttempts["lastIp"]!.GetValue<string>());
        Assert.EndsWith("Z", failedAttempts["lastAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoking_and_restoring_access_are_recorded_with_the_organization()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(organizationId, role: "client", password: null);
        await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/revoke-access", new { organizationId }, asOperator: true);
        await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/restore-access", new { organizationId }, asOperator: true);

        var events = await api.EventsAsync(client.Id);

        Assert.Equal("access_restored", events[0]!["action"]!.GetValue<string>());
        Assert.Equal("access_revoked", events[1]!["action"]!.GetValue<string>());
        Assert.All(events.Take(2), e => Assert.Equal(organizationId, e!["details"]!["organizationId"]!.GetValue<string>()));
    }

    private async Task DeactivateAsync(string userId) =>
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/deactivate", new { reason = "manual" }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

    private async Task<Reply> GetUserAsync(string userId) =>
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{userId}", asOperator: true)).ShouldBe(HttpStatusCode.OK);

    private async Task<string> AdministratorTokenAsync(string organizationId)
    {
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        return await api.TokenAsync(administrator.Username, "management");
    }

    private async Task<string> ManagerTokenAsync(string organizationId, string unitId, string[] permissions)
    {
        var manager = await api.CreateUserAsync(organizationId, role: "manager", unitIds: [unitId], permissions: permissions);
        return await api.TokenAsync(manager.Username, "management");
    }

    /// <summary>Every administration route and GET/PATCH of the user, as the caller <paramref name="bearer"/> (the operator when null).</summary>
    private async Task<List<Reply>> AllAdministrationCallsAsync(string userId, string organizationId, string? bearer, bool anonymous = false)
    {
        var asOperator = bearer is null && !anonymous;
        var token = anonymous ? null : bearer;
        return
        [
            await api.SendAsync(HttpMethod.Get, $"/api/users/{userId}", bearer: token, asOperator: asOperator),
            await api.SendAsync(HttpMethod.Patch, $"/api/users/{userId}", new { displayName = "Renamed" }, bearer: token, asOperator: asOperator),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/deactivate", bearer: token, asOperator: asOperator),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/reactivate", bearer: token, asOperator: asOperator),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/revoke-access", new { organizationId }, bearer: token, asOperator: asOperator),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/restore-access", new { organizationId }, bearer: token, asOperator: asOperator),
            await api.SendAsync(HttpMethod.Get, $"/api/users/{userId}/events", bearer: token, asOperator: asOperator),
        ];
    }
}
