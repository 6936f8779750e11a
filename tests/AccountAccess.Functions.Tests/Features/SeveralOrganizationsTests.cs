using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// API.md "Several organizations", as an attacker tries it: a person who administers organization B and is also a client
/// of organization A. A's administrator must not take over what belongs to the whole account (password, second factors,
/// emails, erasure: 403 <c>other_organizations</c>), nor read B's part of it; and an outsider gets the same 403 whatever
/// its request holds.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SeveralOrganizationsTests(AppFixture fixture)
{
    private const string AttackersPassword = "Attacker-Chosen-Password-1";

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task An_administrator_of_another_organization_cannot_set_a_shared_users_password()
    {
        var shared = await SharedUserAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{shared.Holder.Id}/password", new { newPassword = AttackersPassword }, bearer: shared.AdministratorOfA);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "other_organizations");
        (await api.LoginAsync(shared.Holder.Username, AttackersPassword, portal: "management")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await api.LoginAsync(shared.Holder.Username, portal: "management")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_cannot_give_a_shared_user_a_temporary_password()
    {
        var shared = await SharedUserAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{shared.Holder.Id}/temporary-password", bearer: shared.AdministratorOfA);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "other_organizations");
        (await api.LoginAsync(shared.Holder.Username, portal: "management")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_cannot_reset_a_shared_users_second_factor()
    {
        var shared = await SharedUserAsync();
        var (secret, _) = await Authenticator.EnrolTotpAsync(api, await api.TokenAsync(shared.Holder.Username, "management"));

        var reply = await api.SendAsync(HttpMethod.Delete, $"/api/users/{shared.Holder.Id}/2fa", bearer: shared.AdministratorOfA);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "other_organizations");
        await Authenticator.SignInWithTotpAsync(api, shared.Holder.Username, secret, "management");
    }

    [Fact]
    public async Task An_administrator_of_another_organization_cannot_change_a_shared_users_email()
    {
        var shared = await SharedUserAsync();
        var attackersMailbox = Api.Unique("attacker") + "@example.com";

        var reply = await api.SendAsync(HttpMethod.Patch, $"/api/users/{shared.Holder.Id}", new { email = attackersMailbox }, bearer: shared.AdministratorOfA);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "other_organizations");
        Assert.Equal(shared.Holder.Email, (await OperatorViewAsync(shared.Holder.Id))["email"]!.GetValue<string>());
        (await api.LoginAsync(attackersMailbox, portal: "management")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task An_administrator_reads_only_its_own_organizations_membership_of_a_shared_user()
    {
        var shared = await SharedUserAsync();

        var reply = await api.SendAsync(HttpMethod.Get, $"/api/users/{shared.Holder.Id}", bearer: shared.AdministratorOfA);

        reply.ShouldBe(HttpStatusCode.OK);
        var memberships = reply.Json!["memberships"]!.AsArray();
        Assert.Equal(shared.OrganizationA, Assert.Single(memberships)!["organizationId"]!.GetValue<string>());
        Assert.DoesNotContain(shared.OrganizationB, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_reads_neither_the_events_nor_the_addresses_another_organization_left_on_a_shared_user()
    {
        var shared = await SharedUserAsync();
        var otherAdministratorOfB = await api.CreateUserAsync(shared.OrganizationB, role: "administrator");
        var tokenOfB = await api.TokenAsync(otherAdministratorOfB.Username, "management");
        const string officeOfB = "198.51.100.77";
        await api.SendAsync(HttpMethod.Post, $"/api/users/{shared.Holder.Id}/revoke-access", new { organizationId = shared.OrganizationB }, bearer: tokenOfB, forwardedFor: officeOfB);
        await api.SendAsync(HttpMethod.Post, $"/api/users/{shared.Holder.Id}/restore-access", new { organizationId = shared.OrganizationB }, bearer: tokenOfB, forwardedFor: officeOfB);
        await api.LoginAsync(shared.Holder.Username, "Wrong-Password-123", portal: "management", forwardedFor: officeOfB);

        var events = await api.SendAsync(HttpMethod.Get, $"/api/users/{shared.Holder.Id}/events", bearer: shared.AdministratorOfA);
        var diagnosis = await api.SendAsync(HttpMethod.Get, $"/api/users/{shared.Holder.Id}/diagnosis", bearer: shared.AdministratorOfA);
        var user = await api.SendAsync(HttpMethod.Get, $"/api/users/{shared.Holder.Id}", bearer: shared.AdministratorOfA);

        foreach (var reply in new[] { events, diagnosis, user })
        {
            reply.ShouldBe(HttpStatusCode.OK);
            Assert.DoesNotContain(shared.OrganizationB, reply.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(officeOfB, reply.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(otherAdministratorOfB.Id, reply.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task What_an_organization_did_before_the_person_joined_another_stays_on_its_side_only()
    {
        var (organizationA, unitA, person) = await api.CreateStaffAsync();
        var administratorOfA = await api.CreateUserAsync(organizationA, role: "administrator", unitIds: [unitA]);
        var tokenOfA = await api.TokenAsync(administratorOfA.Username, "management");
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{person.Id}/deactivate", bearer: tokenOfA)).ShouldBe(HttpStatusCode.NoContent);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{person.Id}/reactivate", bearer: tokenOfA)).ShouldBe(HttpStatusCode.NoContent);
        var organizationB = await api.CreateOrganizationAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationB}/members", new { userId = person.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        var administratorOfB = await api.CreateUserAsync(organizationB, role: "administrator");
        var tokenOfB = await api.TokenAsync(administratorOfB.Username, "management");

        var seenByA = (await api.SendAsync(HttpMethod.Get, $"/api/users/{person.Id}/events", bearer: tokenOfA)).ShouldBe(HttpStatusCode.OK);
        var seenByB = (await api.SendAsync(HttpMethod.Get, $"/api/users/{person.Id}/events", bearer: tokenOfB)).ShouldBe(HttpStatusCode.OK);

        Assert.Contains(seenByA.Json!["events"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "deactivated" && e["actor"]!["userId"]!.GetValue<string>() == administratorOfA.Id);
        Assert.DoesNotContain(seenByB.Json!["events"]!.AsArray(), e => e!["action"]!.GetValue<string>() is "deactivated" or "reactivated");
        Assert.DoesNotContain(administratorOfA.Id, seenByB.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outsider_gets_the_same_403_whatever_its_request_holds()
    {
        var (organizationId, unitId, member) = await api.CreateStaffAsync();
        var outsider = await api.CreateUserAsync(await api.CreateOrganizationAsync(), role: "administrator");
        var token = await api.TokenAsync(outsider.Username, "management");
        var before = await OperatorViewAsync(member.Id);

        Reply[] replies =
        [
            await api.SendAsync(HttpMethod.Patch, $"/api/users/{member.Id}", new { unitIds = new[] { unitId } }, bearer: token),
            await api.SendAsync(HttpMethod.Patch, $"/api/users/{member.Id}", new { unitIds = new[] { "unit_made_up" } }, bearer: token),
            await api.SendAsync(HttpMethod.Patch, $"/api/users/{member.Id}", new { email = "not an email" }, bearer: token),
            await api.SendAsync(HttpMethod.Patch, $"/api/users/{member.Id}", "{\"displayName\":", bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{member.Id}/password", new { }, bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{member.Id}/password", "[1,2", bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{member.Id}/deactivate", new { reason = "made_up" }, bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{member.Id}/revoke-access", new { }, bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{member.Id}/revoke-access", new { organizationId = "org_made_up" }, bearer: token),
            await api.SendAsync(HttpMethod.Post, $"/api/users/{member.Id}/restore-access", new { organizationId }, bearer: token),
            await api.SendAsync(HttpMethod.Get, $"/api/users/{member.Id}/diagnosis?portal=made_up", bearer: token),
        ];

        Assert.All(replies, reply => reply.ShouldBeError(HttpStatusCode.Forbidden, "forbidden"));
        Assert.Equal(before.ToJsonString(), (await OperatorViewAsync(member.Id)).ToJsonString());
    }

    // --- The authorization matrix, with people of several organizations ------------------------------------------

    public static TheoryData<string> SharedShapes => ["client_of_two", "administrator_of_one_client_of_another", "employee_of_two"];

    [Theory]
    [MemberData(nameof(SharedShapes))]
    public async Task An_administrator_of_one_organization_changes_nothing_of_the_whole_account_of_a_person_also_elsewhere(string shape)
    {
        var (organizationA, _, person) = await PersonOfTwoAsync(shape);
        var administratorOfA = await api.CreateUserAsync(organizationA, role: "administrator");
        var token = await api.TokenAsync(administratorOfA.Username, "management");
        var before = await OperatorViewAsync(person.Id);

        var replies = await WholeAccountCallsAsync(person.Id, token);

        Assert.All(replies, reply => reply.ShouldBeError(HttpStatusCode.Forbidden, "other_organizations"));
        Assert.Equal(before.ToJsonString(), (await OperatorViewAsync(person.Id)).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(SharedShapes))]
    public async Task The_operator_changes_the_whole_account_of_a_person_of_several_organizations(string shape)
    {
        var (_, _, person) = await PersonOfTwoAsync(shape);

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{person.Id}/password", new { newPassword = AttackersPassword }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{person.Id}", new { displayName = "Renamed by support" }, asOperator: true)).ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{person.Id}", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [MemberData(nameof(SharedShapes))]
    public async Task An_administrator_of_one_organization_still_does_what_is_its_own(string shape)
    {
        var (organizationA, unitA, person) = await PersonOfTwoAsync(shape);
        var administratorOfA = await api.CreateUserAsync(organizationA, role: "administrator");
        var token = await api.TokenAsync(administratorOfA.Username, "management");

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{person.Id}", bearer: token)).ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{person.Id}/events", bearer: token)).ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{person.Id}/diagnosis", bearer: token)).ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{person.Id}/revoke-access", new { organizationId = organizationA }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{person.Id}/restore-access", new { organizationId = organizationA }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);
        if (shape == "employee_of_two")
        {
            (await api.SendAsync(HttpMethod.Patch, $"/api/users/{person.Id}", new { organizationId = organizationA, unitIds = new[] { unitA } }, bearer: token)).ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_supervisor_of_a_unit_in_one_organization_cannot_set_the_password_of_an_employee_of_two()
    {
        var (organizationA, unitA, employee) = await PersonOfTwoAsync("employee_of_two");
        var supervisor = await api.CreateUserAsync(organizationA, role: "manager", unitIds: [unitA], permissions: ["user_management"]);
        var token = await api.TokenAsync(supervisor.Username, "management");

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/password", new { newPassword = AttackersPassword }, bearer: token);

        reply.ShouldBeError(HttpStatusCode.Forbidden, "other_organizations");
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}/events", bearer: token)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_supervisor_of_a_unit_in_each_organization_sets_the_password_of_an_employee_of_both()
    {
        var (organizationA, unitA, employee) = await PersonOfTwoAsync("employee_of_two");
        var organizationB = (await OperatorViewAsync(employee.Id))["memberships"]!.AsArray()
            .Select(m => m!["organizationId"]!.GetValue<string>()).Single(id => id != organizationA);
        var unitB = (await OperatorViewAsync(employee.Id))["memberships"]!.AsArray()
            .Single(m => m!["organizationId"]!.GetValue<string>() == organizationB)!["unitIds"]![0]!.GetValue<string>();
        var supervisor = await api.CreateUserAsync(organizationA, role: "manager", unitIds: [unitA], permissions: ["user_management"]);
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationB}/members", new { userId = supervisor.Id, role = "manager", unitIds = new[] { unitB } }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{supervisor.Id}", new { organizationId = organizationB, permissions = new[] { "user_management" } }, asOperator: true))
            .ShouldBe(HttpStatusCode.OK);
        var token = await api.TokenAsync(supervisor.Username, "management");

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/password", new { newPassword = AttackersPassword }, bearer: token);

        reply.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>
    /// A person of organization A (returned with a unit of A) who also belongs to another organization, in one of three
    /// shapes: a client of both, an administrator of the other who is a client of A, an employee of a unit in each.
    /// </summary>
    private async Task<(string OrganizationA, string UnitA, TestUser Person)> PersonOfTwoAsync(string shape)
    {
        var organizationA = await api.CreateOrganizationAsync();
        var unitA = await api.CreateUnitAsync(organizationA);
        var organizationB = await api.CreateOrganizationAsync();
        var unitB = await api.CreateUnitAsync(organizationB);
        var (roleInB, unitsInB, roleInA, unitsInA) = shape switch
        {
            "client_of_two" => ("client", Array.Empty<string>(), "client", Array.Empty<string>()),
            "administrator_of_one_client_of_another" => ("administrator", Array.Empty<string>(), "client", Array.Empty<string>()),
            "employee_of_two" => ("employee", new[] { unitB }, "employee", new[] { unitA }),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
        var person = await api.CreateUserAsync(organizationB, roleInB, unitsInB);
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationA}/members", new { userId = person.Id, role = roleInA, unitIds = unitsInA }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        return (organizationA, unitA, person);
    }

    /// <summary>Every route that changes what belongs to the whole account, as <paramref name="bearer"/>.</summary>
    private async Task<List<Reply>> WholeAccountCallsAsync(string userId, string bearer) =>
    [
        await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/password", new { newPassword = AttackersPassword }, bearer: bearer),
        await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/temporary-password", bearer: bearer),
        await api.SendAsync(HttpMethod.Delete, $"/api/users/{userId}/2fa", bearer: bearer),
        await api.SendAsync(HttpMethod.Patch, $"/api/users/{userId}", new { email = Api.Unique("taken") + "@example.com" }, bearer: bearer),
        await api.SendAsync(HttpMethod.Patch, $"/api/users/{userId}", new { secondaryEmails = new[] { Api.Unique("second") + "@example.com" } }, bearer: bearer),
        await api.SendAsync(HttpMethod.Patch, $"/api/users/{userId}", new { phone = "+15145550199" }, bearer: bearer),
        await api.SendAsync(HttpMethod.Patch, $"/api/users/{userId}", new { departureDate = "2020-01-01" }, bearer: bearer),
        await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/deactivate", bearer: bearer),
        await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/reactivate", bearer: bearer),
        await api.SendAsync(HttpMethod.Delete, $"/api/users/{userId}", bearer: bearer),
    ];

    /// <summary>
    /// A person who administers organization B and is a client of organization A, and a token of A's administrator.
    /// </summary>
    private async Task<SharedUser> SharedUserAsync()
    {
        var (organizationB, _, holder) = await api.CreateStaffAsync(role: "administrator");
        var organizationA = await api.CreateOrganizationAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationA}/members", new { userId = holder.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        var administratorOfA = await api.CreateUserAsync(organizationA, role: "administrator");
        return new SharedUser(holder, organizationA, organizationB, await api.TokenAsync(administratorOfA.Username, "management"));
    }

    private async Task<JsonNode> OperatorViewAsync(string userId) =>
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{userId}", asOperator: true)).ShouldBe(HttpStatusCode.OK).Json!;

    private sealed record SharedUser(TestUser Holder, string OrganizationA, string OrganizationB, string AdministratorOfA);
}
