using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;
using static AccountAccess.Functions.Tests.Infrastructure.Authenticator;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Support accounts over HTTP (API.md "Support accounts"): with <c>Operator:OrganizationId</c> set, the administrators of
/// that organization holding <c>support</c> are operators once signed in on the management portal with a second factor,
/// and the trail names them; nobody else is — not its other administrators, not <c>support</c> elsewhere, not one whose
/// permission was taken away — and only an operator hands the permission out. The app is set up as docs/operator.md
/// ("Support accounts") tells (create the organization with the operator key, then set the setting).
/// </summary>
public sealed class SupportAccountTests(SupportAccountTests.SupportTeamApp app) : IClassFixture<SupportAccountTests.SupportTeamApp>
{
    private Api api => app.Api;

    public sealed class SupportTeamApp : IsolatedApp
    {
        public string SupportOrganizationId { get; private set; } = string.Empty;

        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Operator__OrganizationId"] = SupportOrganizationId };

        /// <summary>The support team's organization exists before the setting names it, as in docs/operator.md
        /// ("Support accounts").</summary>
        protected override async Task BeforeStartAsync()
        {
            await using var first = await RunningApp.StartAsync(connectionString: ConnectionString);
            using var http = first.CreateClient();
            SupportOrganizationId = await new Api(http).CreateOrganizationAsync();
        }
    }

    [Fact]
    public async Task A_support_account_signs_in_on_the_management_portal_only_after_setting_up_a_second_factor()
    {
        var person = await SupportAccountAsync();

        var login = await api.LoginAsync(person.Username, portal: "management");

        login.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_enrollment_required", login.Json!["status"]!.GetValue<string>());
        Assert.Null(login.Json["accessToken"]);
    }

    [Fact]
    public async Task A_support_account_with_its_second_factor_gets_an_operator_token_that_acts_in_every_organization()
    {
        var person = await SupportAccountAsync();
        var (_, _, client) = await api.CreateStaffAsync();

        var token = await SignedInSupportAsync(person);

        Assert.Equal("operator", Claims(token)["role"]!.GetValue<string>());
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{client.Id}", bearer: token)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task What_a_support_account_does_is_audited_under_its_user_id()
    {
        var person = await SupportAccountAsync();
        var (_, _, employee) = await api.CreateStaffAsync();
        var token = await SignedInSupportAsync(person);

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{employee.Id}/deactivate", new { reason = "manual" }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        var deactivated = (await api.EventsAsync(employee.Id)).Single(e => e!["action"]!.GetValue<string>() == "deactivated")!;
        Assert.Equal("operator", deactivated["actor"]!["kind"]!.GetValue<string>());
        Assert.Equal(person.Id, deactivated["actor"]!["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_administrator_of_the_support_organization_without_the_permission_is_no_operator()
    {
        var administrator = await api.CreateUserAsync(app.SupportOrganizationId, role: "administrator");
        var (_, _, other) = await api.CreateStaffAsync();

        var token = await api.TokenAsync(administrator.Username, "management");

        Assert.Equal("administrator", Claims(token)["role"]!.GetValue<string>());
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{other.Id}", bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_administrator_of_the_support_organization_cannot_give_itself_the_support_permission()
    {
        var administrator = await api.CreateUserAsync(app.SupportOrganizationId, role: "administrator");
        var token = await api.TokenAsync(administrator.Username, "management");

        var patched = await api.SendAsync(HttpMethod.Patch, $"/api/users/{administrator.Id}",
            new { permissions = new[] { "support" }, organizationId = app.SupportOrganizationId }, bearer: token);

        patched.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        var user = await api.SendAsync(HttpMethod.Get, $"/api/users/{administrator.Id}", asOperator: true);
        Assert.DoesNotContain("support", user.Json!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_of_the_support_organization_cannot_create_a_support_account()
    {
        var administrator = await api.CreateUserAsync(app.SupportOrganizationId, role: "administrator");
        var token = await api.TokenAsync(administrator.Username, "management");

        var created = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{app.SupportOrganizationId}/users", new
        {
            username = Api.Unique("accomplice"),
            displayName = "Accomplice",
            role = "administrator",
            email = Api.Unique("accomplice") + "@example.com",
            password = Api.Password,
            permissions = new[] { "support" },
        }, bearer: token);

        created.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_support_account_whose_permission_is_taken_away_is_no_operator_with_the_token_it_holds()
    {
        var person = await SupportAccountAsync();
        var (_, _, other) = await api.CreateStaffAsync();
        var token = await SignedInSupportAsync(person);

        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{person.Id}",
            new { permissions = Array.Empty<string>(), organizationId = app.SupportOrganizationId }, asOperator: true)).ShouldBe(HttpStatusCode.OK);

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{other.Id}", bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_support_permission_in_another_organization_makes_no_operator()
    {
        var (organizationId, _, _) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator", permissions: ["support"]);
        var (_, _, other) = await api.CreateStaffAsync();
        var (secret, _) = await EnrolTotpAsync(api, await api.TokenAsync(administrator.Username, "management"));

        var token = await SignInWithTotpAsync(api, administrator.Username, secret, "management");

        Assert.Equal("administrator", Claims(token)["role"]!.GetValue<string>());
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{other.Id}", bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>A support account as docs/operator.md ("Support accounts") creates one: with the operator key, in the
    /// support team's organization.</summary>
    private Task<TestUser> SupportAccountAsync() =>
        api.CreateUserAsync(app.SupportOrganizationId, role: "administrator", permissions: ["support"]);

    /// <summary>Sets up an authenticator with the enrolment token the first sign-in gives, then signs in with it.</summary>
    private async Task<string> SignedInSupportAsync(TestUser person)
    {
        var login = await api.LoginAsync(person.Username, portal: "management");
        login.ShouldBe(HttpStatusCode.OK);
        var (secret, _) = await EnrolTotpAsync(api, login.Json!["enrollmentToken"]!.GetValue<string>());
        return await SignInWithTotpAsync(api, person.Username, secret, "management");
    }

    private static JsonObject Claims(string accessToken) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(accessToken.Split('.')[1]))!.AsObject();
}
