using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Sessions over HTTP (API.md "Sessions and tokens"): refresh with rotation, sign-out, the session list, and every event
/// that ends sessions.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SessionFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_sign_in_answers_a_refresh_token_and_its_session_never_to_be_cached()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.LoginAsync(user.Username);

        var signedIn = reply.ShouldBe(HttpStatusCode.OK).Json!;
        Assert.StartsWith(user.Id + "." + signedIn.Text("sessionId") + ".", signedIn.Text("refreshToken"), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(signedIn.Text("refreshExpiresAt"), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(13));
        Assert.Equal(signedIn.Text("sessionId"), new JsonWebTokenHandler().ReadJsonWebToken(signedIn.Text("accessToken")).GetClaim("sid").Value);
        Assert.Equal("no-store", reply.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task A_refresh_answers_a_new_pair_of_the_same_session_in_the_sign_in_shape_without_a_password_hash()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);

        var reply = await api.RefreshAsync(signedIn.Text("refreshToken"), signedIn.Text("deviceToken"));

        var refreshed = reply.ShouldBe(HttpStatusCode.OK).Json!;
        Assert.Equal(("ok", signedIn.Text("sessionId"), user.Id), (refreshed.Text("status"), refreshed.Text("sessionId"), refreshed["user"]!.Text("id")));
        Assert.NotEqual(signedIn.Text("refreshToken"), refreshed.Text("refreshToken"));
        Assert.NotEqual(signedIn.Text("accessToken"), refreshed.Text("accessToken"));
        (await api.SessionsAsync(refreshed.Text("accessToken"))).ShouldBe(HttpStatusCode.OK);
        Assert.True(int.Parse(reply.Headers["X-Storage-Round-Trips"]) <= 4, $"round trips: {reply.Headers["X-Storage-Round-Trips"]}");
        Assert.Equal("no-store", reply.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task Two_tabs_refreshing_with_one_token_within_the_interval_both_get_the_one_new_pair()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);

        var replies = await Task.WhenAll(api.RefreshAsync(signedIn.Text("refreshToken")), api.RefreshAsync(signedIn.Text("refreshToken")));

        Assert.All(replies, r => r.ShouldBe(HttpStatusCode.OK));
        Assert.Equal(replies[0].Json!.Text("refreshToken"), replies[1].Json!.Text("refreshToken"));
        (await api.RefreshAsync(replies[0].Json!.Text("refreshToken"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_ends_that_session_only()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var phone = await api.SignInAsync(user.Username);
        var laptop = await api.SignInAsync(user.Username);

        (await api.LogoutAsync(phone.Text("accessToken"))).ShouldBe(HttpStatusCode.NoContent);

        (await api.SessionsAsync(laptop.Text("accessToken"))).ShouldBe(HttpStatusCode.OK);
        (await api.RefreshAsync(laptop.Text("refreshToken"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "session_ended"));
    }

    [Fact]
    public async Task The_session_list_shows_each_open_session_where_it_came_from_and_which_one_is_asking()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var phone = await api.SignInAsync(user.Username);
        var laptop = await api.SignInAsync(user.Username);
        await api.LogoutAsync((await api.SignInAsync(user.Username)).Text("accessToken"));

        var reply = await api.SessionsAsync(phone.Text("accessToken"));

        var sessions = reply.ShouldBe(HttpStatusCode.OK).Json!["sessions"]!.AsArray();
        Assert.Equal([laptop.Text("sessionId"), phone.Text("sessionId")], sessions.Select(s => s!.Text("id")));
        Assert.Equal([false, true], sessions.Select(s => s!["current"]!.GetValue<bool>()));
        Assert.Equal("127.0.0.1", sessions[1]!.Text("ip"));
        Assert.All(sessions, s => Assert.False(string.IsNullOrEmpty(s!["createdAt"]?.GetValue<string>()) || string.IsNullOrEmpty(s["lastUsedAt"]?.GetValue<string>())));
    }

    [Fact]
    public async Task A_person_ends_another_of_their_sessions_from_the_list()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var phone = await api.SignInAsync(user.Username);
        var lostLaptop = await api.SignInAsync(user.Username);

        (await api.SendAsync(HttpMethod.Delete, $"/api/account/sessions/{lostLaptop.Text("sessionId")}", bearer: phone.Text("accessToken"))).ShouldBe(HttpStatusCode.NoContent);

        (await api.SessionsAsync(lostLaptop.Text("accessToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await api.RefreshAsync(lostLaptop.Text("refreshToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Single((await api.SessionsAsync(phone.Text("accessToken"))).Json!["sessions"]!.AsArray());
    }

    [Fact]
    public async Task An_administrator_ends_every_session_of_a_member_of_their_organization()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, "administrator", [unitId]);
        var phone = await api.SignInAsync(user.Username);
        var laptop = await api.SignInAsync(user.Username);

        var reply = await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/sessions", bearer: await api.TokenAsync(administrator.Username, "management"));

        reply.ShouldBe(HttpStatusCode.NoContent);
        foreach (var session in new[] { phone, laptop })
        {
            (await api.SessionsAsync(session.Text("accessToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
            (await api.RefreshAsync(session.Text("refreshToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        }

        Assert.Equal(1, await api.CountEventsAsync(user.Id, "sessions_ended"));
    }

    [Fact]
    public async Task An_administrator_of_one_organization_cannot_end_the_sessions_of_a_person_another_organization_trusts()
    {
        var (organizationA, unitA, administrator) = await api.CreateStaffAsync("administrator");
        var (_, _, shared) = await api.CreateStaffAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationA}/members", new { userId = shared.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        var signedIn = await api.SignInAsync(shared.Username);

        var ended = await api.SendAsync(HttpMethod.Delete, $"/api/users/{shared.Id}/sessions", bearer: await api.TokenAsync(administrator.Username, "management"));

        ended.ShouldBeError(HttpStatusCode.Forbidden, "other_organizations");
        (await api.RefreshAsync(signedIn.Text("refreshToken"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_operator_ends_a_users_sessions_and_a_supervisor_may_not()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        var supervisor = await api.CreateUserAsync(organizationId, "manager", [unitId], permissions: ["user_management"]);
        var signedIn = await api.SignInAsync(user.Username);

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/sessions", bearer: await api.TokenAsync(supervisor.Username, "management")))
            .ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await api.RefreshAsync(signedIn.Text("refreshToken"))).ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/sessions", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        (await api.SessionsAsync(signedIn.Text("accessToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("password_changed_by_the_holder")]
    [InlineData("password_set_by_an_administrator")]
    [InlineData("temporary_password")]
    [InlineData("deactivation")]
    [InlineData("access_revoked")]
    [InlineData("merged_into_another_account")]
    [InlineData("erasure")]
    public async Task Every_event_that_ends_sessions_refuses_their_access_and_refresh_tokens(string ending)
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);

        var done = ending switch
        {
            "password_changed_by_the_holder" => await api.SendAsync(HttpMethod.Post, "/api/password/change",
                new { currentPassword = Api.Password, newPassword = "Another-Horse-Battery-7" }, bearer: signedIn.Text("accessToken")),
            "password_set_by_an_administrator" => await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/password", new { newPassword = "Another-Horse-Battery-7" }, asOperator: true),
            "temporary_password" => await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/temporary-password", asOperator: true),
            "deactivation" => await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", new { reason = "manual" }, asOperator: true),
            "access_revoked" => await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/revoke-access", new { organizationId }, asOperator: true),
            "merged_into_another_account" => await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/merge",
                new { intoUserId = (await api.CreateUserAsync(organizationId, unitIds: [unitId])).Id }, asOperator: true),
            _ => await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", asOperator: true),
        };

        Assert.True(done.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, done.Body);
        (await api.SessionsAsync(signedIn.Text("accessToken"))).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        var refused = await api.RefreshAsync(signedIn.Text("refreshToken"));
        refused.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal(ending == "erasure" ? "unknown" : "revoked", refused.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_token_of_no_session_is_unknown_and_a_missing_one_is_a_bad_request()
    {
        (await api.RefreshAsync("usr_nobody0000000000.ses_nothing0000000000.c2VjcmV0")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        (await api.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { })).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task The_operator_has_no_session_to_end_or_list()
    {
        (await api.SendAsync(HttpMethod.Post, "/api/auth/logout", asOperator: true)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await api.SendAsync(HttpMethod.Get, "/api/account/sessions", asOperator: true)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_refusal_of_a_refresh_is_in_french_when_asked()
    {
        var reply = await api.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = "garbage" }, language: "fr");

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal("Cette session est terminée. Connectez-vous de nouveau.", reply.Json!["error"]!.Text("message"));
        Assert.Equal("unknown", reply.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stolen_access_token_is_refused_once_its_holder_signs_out()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);
        var stolen = signedIn.Text("accessToken");

        (await api.LogoutAsync(signedIn.Text("accessToken"))).ShouldBe(HttpStatusCode.NoContent);

        (await api.SessionsAsync(stolen)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_stolen_refresh_token_is_refused_once_its_holder_signs_out()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);

        (await api.LogoutAsync(signedIn.Text("accessToken"))).ShouldBe(HttpStatusCode.NoContent);

        var refused = await api.RefreshAsync(signedIn.Text("refreshToken"));
        refused.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal("revoked", refused.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_token_taken_before_a_password_change_no_longer_works()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);

        (await api.SendAsync(HttpMethod.Post, "/api/password/change",
            new { currentPassword = Api.Password, newPassword = "Another-Horse-Battery-7" }, bearer: signedIn.Text("accessToken")))
            .ShouldBe(HttpStatusCode.NoContent);

        var refused = await api.RefreshAsync(signedIn.Text("refreshToken"));
        refused.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal("revoked", refused.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signed_in_person_cannot_end_someone_elses_session()
    {
        var (_, _, victim) = await api.CreateStaffAsync();
        var (_, _, attacker) = await api.CreateStaffAsync();
        var victimSession = await api.SignInAsync(victim.Username);
        var attackerSession = await api.SignInAsync(attacker.Username);

        var ended = await api.SendAsync(HttpMethod.Delete, $"/api/account/sessions/{victimSession.Text("sessionId")}",
            bearer: attackerSession.Text("accessToken"));

        ended.ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await api.SessionsAsync(victimSession.Text("accessToken"))).ShouldBe(HttpStatusCode.OK);
        (await api.RefreshAsync(victimSession.Text("refreshToken"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_cannot_end_a_users_sessions()
    {
        var (_, _, victim) = await api.CreateStaffAsync();
        var (_, _, otherAdministrator) = await api.CreateStaffAsync("administrator");
        var victimSession = await api.SignInAsync(victim.Username);
        var administratorToken = await api.TokenAsync(otherAdministrator.Username, "management");

        var ended = await api.SendAsync(HttpMethod.Delete, $"/api/users/{victim.Id}/sessions", bearer: administratorToken);

        ended.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await api.RefreshAsync(victimSession.Text("refreshToken"))).ShouldBe(HttpStatusCode.OK);
    }
}
