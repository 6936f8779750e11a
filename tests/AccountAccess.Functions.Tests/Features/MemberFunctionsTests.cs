using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Finding people over HTTP (API.md "Finding people"): an organization's members by part of a name, status, role and unit,
/// in pages, each with its status and blockers, kept in step with every change made through the API; a user by the login a
/// ticket gives; and who may ask — an administrator of another organization, an employee and a supervisor outside its units
/// are refused or find nobody, with the same answer whatever they ask.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MemberFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task An_administrator_finds_a_locked_employee_by_part_of_the_family_name_and_reads_why()
    {
        var studio = await StudioAsync(policy: new { maxFailedAttempts = 1 });
        var family = Api.Unique("Tremblây");
        var employee = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId], extra: new { displayName = "Éloïse " + family });
        (await api.LoginAsync(employee.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);

        var members = await MembersAsync(studio.OrganizationId, $"?q={Uri.EscapeDataString(family.ToUpperInvariant().Replace("Â", "A", StringComparison.Ordinal)[..14])}", studio.Administrator);

        var member = Assert.Single(members);
        Assert.Equal(employee.Id, member!["userId"]!.GetValue<string>());
        Assert.Equal("locked", member["status"]!.GetValue<string>());
        Assert.Equal(["account_deactivated"], Codes(member["blockers"]));
        Assert.Equal("employee", member["role"]!.GetValue<string>());
        Assert.Equal([studio.UnitId], member["unitIds"]!.AsArray().Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public async Task The_status_filter_lists_who_never_activated_and_who_has_no_email()
    {
        var studio = await StudioAsync();
        var active = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        var pending = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId], password: null);
        var noEmail = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId], password: null, extra: new { email = (string?)null });

        Assert.Equal(new[] { pending.Id, noEmail.Id }.Order(), Ids(await MembersAsync(studio.OrganizationId, "?status=pending_activation", studio.Administrator)).Order());
        Assert.Equal([noEmail.Id], Ids(await MembersAsync(studio.OrganizationId, "?status=no_email", studio.Administrator)));
        Assert.Contains(active.Id, Ids(await MembersAsync(studio.OrganizationId, "?status=active", studio.Administrator)));
        var listed = (await MembersAsync(studio.OrganizationId, "?status=no_email", studio.Administrator)).Single()!;
        Assert.Equal(["pending_activation", "no_email"], Codes(listed["blockers"]));
    }

    [Fact]
    public async Task Each_status_lists_exactly_the_members_who_have_it_now()
    {
        var studio = await StudioAsync(policy: new { maxFailedAttempts = 1 });
        var active = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        var pending = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId], password: null);
        var locked = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        (await api.LoginAsync(locked.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);
        var deactivated = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{deactivated.Id}/deactivate", new { reason = "manual" }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        var departed = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{departed.Id}", new { departureDate = "2020-01-31" }, asOperator: true)).ShouldBe(HttpStatusCode.OK);

        var expected = new Dictionary<string, string[]>
        {
            ["active"] = [studio.AdministratorId, active.Id],
            ["pending_activation"] = [pending.Id],
            ["locked"] = [locked.Id],
            ["deactivated"] = [deactivated.Id],
            ["departed"] = [departed.Id],
        };
        foreach (var (status, ids) in expected)
        {
            Assert.Equal(ids.Order(), Ids(await MembersAsync(studio.OrganizationId, $"?status={status}", studio.Administrator)).Order());
            Assert.All(await MembersAsync(studio.OrganizationId, $"?status={status}", studio.Administrator), m => Assert.Equal(status, m!["status"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_supervisor_of_two_units_filtering_by_role_gets_that_role_within_its_units_only()
    {
        var studio = await StudioAsync();
        var secondUnit = await api.CreateUnitAsync(studio.OrganizationId);
        var otherUnit = await api.CreateUnitAsync(studio.OrganizationId);
        var inFirst = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        var inSecond = await api.CreateUserAsync(studio.OrganizationId, unitIds: [secondUnit]);
        await api.CreateUserAsync(studio.OrganizationId, unitIds: [otherUnit]);
        var client = await api.CreateUserAsync(studio.OrganizationId, role: "client", unitIds: [studio.UnitId]);
        var supervisor = await api.CreateUserAsync(studio.OrganizationId, role: "manager", unitIds: [studio.UnitId, secondUnit], permissions: ["user_management"]);
        var token = await api.TokenAsync(supervisor.Username, "management");

        var employees = Ids(await MembersAsync(studio.OrganizationId, "?role=employee", token));
        var administrators = await MembersAsync(studio.OrganizationId, "?role=administrator", token);
        var activeEmployees = Ids(await MembersAsync(studio.OrganizationId, "?role=employee&status=active", token));

        Assert.Equal(new[] { inFirst.Id, inSecond.Id }.Order(), employees.Order());
        Assert.Empty(administrators);
        Assert.Equal(new[] { inFirst.Id, inSecond.Id }.Order(), activeEmployees.Order());
        Assert.Equal([client.Id], Ids(await MembersAsync(studio.OrganizationId, "?role=client", token)));
    }

    [Fact]
    public async Task Role_and_unit_filters_narrow_the_list()
    {
        var studio = await StudioAsync();
        var otherUnit = await api.CreateUnitAsync(studio.OrganizationId);
        var inOther = await api.CreateUserAsync(studio.OrganizationId, unitIds: [otherUnit]);
        var manager = await api.CreateUserAsync(studio.OrganizationId, role: "manager", unitIds: [studio.UnitId]);

        Assert.Equal([inOther.Id], Ids(await MembersAsync(studio.OrganizationId, $"?unitId={otherUnit}", studio.Administrator)));
        Assert.Equal([manager.Id], Ids(await MembersAsync(studio.OrganizationId, "?role=manager", studio.Administrator)));
    }

    [Fact]
    public async Task Pages_follow_the_continuation_token_to_the_last_and_list_each_member_once()
    {
        var studio = await StudioAsync();
        var created = new List<string> { studio.AdministratorId };
        foreach (var _ in Enumerable.Range(0, 4))
        {
            created.Add((await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId])).Id);
        }

        var listed = new List<string>();
        var query = "?max=2";
        while (true)
        {
            var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{studio.OrganizationId}/members{query}", bearer: studio.Administrator);
            reply.ShouldBe(HttpStatusCode.OK);
            Assert.True(reply.Json!["members"]!.AsArray().Count <= 2);
            listed.AddRange(Ids(reply.Json["members"]!.AsArray()));
            if (reply.Json["continuationToken"]?.GetValue<string>() is not { } token)
            {
                break;
            }

            query = $"?max=2&continuationToken={Uri.EscapeDataString(token)}";
        }

        Assert.Equal(created.Order(), listed.Order());
    }

    [Fact]
    public async Task The_list_follows_a_rename_a_reactivation_and_an_erasure_made_through_the_api()
    {
        var studio = await StudioAsync(policy: new { maxFailedAttempts = 1 });
        var employee = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        var newName = Api.Unique("Renamed");

        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{employee.Id}", new { displayName = newName }, bearer: studio.Administrator)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(newName, (await MembersAsync(studio.OrganizationId, $"?q={newName}", studio.Administrator)).Single()!["displayName"]!.GetValue<string>());

        (await api.LoginAsync(employee.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal([employee.Id], Ids(await MembersAsync(studio.OrganizationId, "?status=locked", studio.Administrator)));
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/reactivate", bearer: studio.Administrator)).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(await MembersAsync(studio.OrganizationId, "?status=locked", studio.Administrator));

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{employee.Id}", bearer: studio.Administrator)).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(await MembersAsync(studio.OrganizationId, $"?q={newName}", studio.Administrator));
    }

    [Fact]
    public async Task A_merge_lists_the_target_in_place_of_the_source_where_the_membership_moved()
    {
        var first = await StudioAsync();
        var second = await StudioAsync();
        var source = await api.CreateUserAsync(first.OrganizationId, role: "client");
        var target = await api.CreateUserAsync(second.OrganizationId, role: "client");

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/merge", new { intoUserId = target.Id }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var listed = Ids(await MembersAsync(first.OrganizationId, "?role=client", asOperator: true));
        Assert.Equal([target.Id], listed);
        Assert.Equal([target.Id], Ids(await MembersAsync(second.OrganizationId, "?role=client", asOperator: true)));
    }

    [Fact]
    public async Task A_supervisor_lists_the_members_of_its_units_and_neither_the_others_nor_an_administrator()
    {
        var studio = await StudioAsync();
        var otherUnit = await api.CreateUnitAsync(studio.OrganizationId);
        var mine = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        var notMine = await api.CreateUserAsync(studio.OrganizationId, unitIds: [otherUnit]);
        var supervisor = await api.CreateUserAsync(studio.OrganizationId, role: "manager", unitIds: [studio.UnitId], permissions: ["user_management"]);
        var token = await api.TokenAsync(supervisor.Username, "management");

        var listed = Ids(await MembersAsync(studio.OrganizationId, "", token));

        Assert.Contains(mine.Id, listed);
        Assert.DoesNotContain(notMine.Id, listed);
        Assert.DoesNotContain(studio.AdministratorId, listed);
        Assert.Empty(await MembersAsync(studio.OrganizationId, $"?unitId={otherUnit}", token));
        Assert.Empty(await MembersAsync(studio.OrganizationId, $"?q={notMine.Username}", token));
    }

    [Fact]
    public async Task An_administrator_cannot_list_the_members_of_another_organization()
    {
        var mine = await StudioAsync();
        var theirs = await StudioAsync();

        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{theirs.OrganizationId}/members?q=a", bearer: mine.Administrator);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain(theirs.AdministratorId, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_employee_and_a_manager_without_user_management_cannot_list_members()
    {
        var studio = await StudioAsync();
        var employee = await api.CreateUserAsync(studio.OrganizationId, unitIds: [studio.UnitId]);
        var manager = await api.CreateUserAsync(studio.OrganizationId, role: "manager", unitIds: [studio.UnitId]);

        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{studio.OrganizationId}/members", bearer: await api.TokenAsync(employee.Username, "employee")))
            .ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{studio.OrganizationId}/members", bearer: await api.TokenAsync(manager.Username, "management")))
            .ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("?status=asleep")]
    [InlineData("?max=0")]
    [InlineData("?max=ten")]
    [InlineData("?continuationToken=forged")]
    [InlineData("?role=king&role=queen")]
    public async Task A_caller_without_the_right_gets_the_same_403_whatever_the_query_holds(string query)
    {
        var mine = await StudioAsync();
        var theirs = await StudioAsync();
        var plain = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{theirs.OrganizationId}/members", bearer: mine.Administrator);

        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{theirs.OrganizationId}/members{query}", bearer: mine.Administrator);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(plain.Body, reply.Body);
    }

    [Theory]
    [InlineData("?status=asleep", "status")]
    [InlineData("?max=0", "max")]
    [InlineData("?max=ten", "max")]
    [InlineData("?role=king", "role")]
    [InlineData("?continuationToken=forged", "continuationToken")]
    [InlineData("?unitId=unit_nowhere", "unitId")]
    [InlineData("?q=a&q=b", "q")]
    public async Task A_query_that_makes_no_sense_is_a_400_naming_the_parameter(string query, string field)
    {
        var studio = await StudioAsync();

        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{studio.OrganizationId}/members{query}", bearer: studio.Administrator);

        reply.ShouldBeInvalidRequest(field);
    }

    [Fact]
    public async Task Without_credentials_the_list_is_401()
    {
        var studio = await StudioAsync();

        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{studio.OrganizationId}/members")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_operator_finds_a_client_of_two_studios_by_its_secondary_email_with_both_memberships()
    {
        var first = await StudioAsync();
        var second = await StudioAsync();
        var secondary = Api.Unique("other") + "@Example.com";
        var client = await api.CreateUserAsync(first.OrganizationId, role: "client", extra: new { secondaryEmails = new[] { secondary } });
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second.OrganizationId}/members", new { userId = client.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);

        var found = await FindAsync($"?login={Uri.EscapeDataString(" " + secondary.ToUpperInvariant())}", asOperator: true);

        var user = Assert.Single(found);
        Assert.Equal(client.Id, user!["id"]!.GetValue<string>());
        Assert.Equal(client.Username, user["username"]!.GetValue<string>());
        Assert.Equal(new[] { first.OrganizationId, second.OrganizationId }.Order(), user["organizationIds"]!.AsArray().Select(o => o!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task An_administrator_finds_its_own_client_with_only_its_own_membership()
    {
        var first = await StudioAsync();
        var second = await StudioAsync();
        var client = await api.CreateUserAsync(first.OrganizationId, role: "client");
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second.OrganizationId}/members", new { userId = client.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);

        var user = Assert.Single(await FindAsync($"?login={client.Email}", first.Administrator));

        Assert.Equal([first.OrganizationId], user!["organizationIds"]!.AsArray().Select(o => o!.GetValue<string>()));
    }

    [Fact]
    public async Task An_administrator_of_another_organization_finds_nobody_as_for_a_name_nobody_holds()
    {
        var mine = await StudioAsync();
        var theirs = await StudioAsync();
        var stranger = await api.CreateUserAsync(theirs.OrganizationId, unitIds: [theirs.UnitId]);

        var held = await api.SendAsync(HttpMethod.Get, $"/api/users?login={stranger.Username}", bearer: mine.Administrator);
        var free = await api.SendAsync(HttpMethod.Get, $"/api/users?login={Api.Unique("free")}", bearer: mine.Administrator);

        held.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(free.Body, held.Body);
        Assert.Empty(held.Json!["users"]!.AsArray());
    }

    [Fact]
    public async Task A_supervisor_cannot_look_logins_up_whatever_it_asks()
    {
        var studio = await StudioAsync();
        var supervisor = await api.CreateUserAsync(studio.OrganizationId, role: "manager", unitIds: [studio.UnitId], permissions: ["user_management"]);
        var token = await api.TokenAsync(supervisor.Username, "management");

        var plain = await api.SendAsync(HttpMethod.Get, "/api/users?login=someone", bearer: token);
        var malformed = await api.SendAsync(HttpMethod.Get, "/api/users?login=a&login=b", bearer: token);

        plain.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(plain.Body, malformed.Body);
    }

    [Fact]
    public async Task A_lookup_without_a_login_is_a_400_naming_it()
    {
        (await api.SendAsync(HttpMethod.Get, "/api/users", asOperator: true)).ShouldBeInvalidRequest("login");
        (await api.SendAsync(HttpMethod.Get, "/api/users?login=%20", asOperator: true)).ShouldBeInvalidRequest("login");
    }

    private sealed record Studio(string OrganizationId, string UnitId, string AdministratorId, string Administrator);

    private async Task<Studio> StudioAsync(object? policy = null)
    {
        var organizationId = await api.CreateOrganizationAsync(policy);
        var unitId = await api.CreateUnitAsync(organizationId);
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        return new Studio(organizationId, unitId, administrator.Id, await api.TokenAsync(administrator.Username, "management"));
    }

    private async Task<JsonArray> MembersAsync(string organizationId, string query, string? bearer = null, bool asOperator = false)
    {
        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/members{query}", bearer: bearer, asOperator: asOperator);
        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Null(reply.Json!["continuationToken"]?.GetValue<string>());
        return reply.Json["members"]!.AsArray();
    }

    private async Task<JsonArray> FindAsync(string query, string? bearer = null, bool asOperator = false)
    {
        var reply = await api.SendAsync(HttpMethod.Get, $"/api/users{query}", bearer: bearer, asOperator: asOperator);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["users"]!.AsArray();
    }

    private static List<string> Ids(JsonArray members) => members.Select(m => m!["userId"]!.GetValue<string>()).ToList();

    private static List<string> Codes(JsonNode? blockers) => blockers!.AsArray().Select(b => b!.GetValue<string>()).ToList();
}
