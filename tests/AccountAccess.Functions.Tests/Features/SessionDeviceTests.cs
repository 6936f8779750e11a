using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// A session and the trusted device it came from (API.md "Trusted devices", "Sessions and tokens"): a refresh answers the
/// device token like every other <c>status:"ok"</c> answer, and ending the session — signing out, the holder ending it
/// from the list, an administrator ending them all — revokes the device, which no longer passes the lock.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SessionDeviceTests(AppFixture fixture)
{
    private const string WrongPassword = "Wrong-Password-123";

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_refresh_answers_the_device_token_the_client_brought_back()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var signedIn = await api.SignInAsync(user.Username);

        var reply = await api.RefreshAsync(signedIn.Text("refreshToken"), signedIn.Text("deviceToken"));

        Assert.Equal(signedIn.Text("deviceToken"), reply.ShouldBe(HttpStatusCode.OK).Json!["deviceToken"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_without_a_device_token_answers_a_new_one_and_the_other_tabs_token_still_passes_the_lock()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var firstTab = await api.SignInAsync(user.Username);

        var secondTab = (await api.RefreshAsync(firstTab.Text("refreshToken"))).ShouldBe(HttpStatusCode.OK).Json!;
        await LockAsync(user.Username);

        Assert.StartsWith("dvt_", secondTab["deviceToken"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(firstTab.Text("deviceToken"), secondTab.Text("deviceToken"));
        (await api.LoginAsync(user.Username, deviceToken: firstTab.Text("deviceToken"))).ShouldBe(HttpStatusCode.OK);
        (await api.LoginAsync(user.Username, deviceToken: secondTab.Text("deviceToken"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_device_whose_session_signed_out_no_longer_passes_the_lock()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var signedIn = await api.SignInAsync(user.Username);
        (await api.LogoutAsync(signedIn.Text("accessToken"))).ShouldBe(HttpStatusCode.NoContent);
        await LockAsync(user.Username);

        var withOldDevice = await api.LoginAsync(user.Username, deviceToken: signedIn.Text("deviceToken"));

        withOldDevice.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Contains(await api.EventsAsync(user.Id), e => e!["action"]!.GetValue<string>() == "trusted_device_revoked" && e["reason"]?.GetValue<string>() == "signed_out");
    }

    [Fact]
    public async Task A_device_whose_session_the_holder_ended_from_the_list_no_longer_passes_the_lock()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var lostLaptop = await api.SignInAsync(user.Username);
        var phone = await api.SignInAsync(user.Username);
        (await api.SendAsync(HttpMethod.Delete, $"/api/account/sessions/{lostLaptop.Text("sessionId")}", bearer: phone.Text("accessToken"))).ShouldBe(HttpStatusCode.NoContent);
        await LockAsync(user.Username);

        var fromLostLaptop = await api.LoginAsync(user.Username, deviceToken: lostLaptop.Text("deviceToken"));
        var fromPhone = await api.LoginAsync(user.Username, deviceToken: phone.Text("deviceToken"));

        fromLostLaptop.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        fromPhone.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_device_whose_sessions_an_administrator_ended_no_longer_passes_the_lock()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var signedIn = await api.SignInAsync(user.Username);
        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/sessions", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        await LockAsync(user.Username);

        var withOldDevice = await api.LoginAsync(user.Username, deviceToken: signedIn.Text("deviceToken"));

        withOldDevice.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_first_sign_in_on_a_new_device_writes_the_device_and_its_session_in_one_round_trip()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.LoginAsync(user.Username);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "trusted_device_added"));
        Assert.True(int.Parse(reply.Headers["X-Storage-Round-Trips"]) <= 4, $"round trips: {reply.Headers["X-Storage-Round-Trips"]}");
    }

    /// <summary>A stranger's wrong passwords from another address lock the account for too many attempts.</summary>
    private async Task LockAsync(string login)
    {
        for (var i = 0; i < 3; i++)
        {
            (await api.LoginAsync(login, WrongPassword, forwardedFor: "203.0.113.77")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }
    }
}
