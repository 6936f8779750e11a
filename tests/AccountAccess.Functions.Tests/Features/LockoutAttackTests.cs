using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The attacks on the lockout of API.md's sign-in table, over HTTP: a lock that answers a right password differently
/// from a wrong one (an oracle that lets the guessing go on through the lock), and a stranger who locks the holder out
/// by typing wrong passwords for a username it knows.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LockoutAttackTests(AppFixture fixture)
{
    private const string WrongPassword = "Wrong-Password-123";

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_locked_account_answers_a_right_password_like_a_wrong_one()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        for (var i = 0; i < 3; i++)
        {
            await api.LoginAsync(user.Username, WrongPassword);
        }

        var right = await api.LoginAsync(user.Username);
        var wrong = await api.LoginAsync(user.Username, WrongPassword);

        right.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(wrong.Status, right.Status);
        Assert.Equal(wrong.Body, right.Body);
        Assert.Equal(wrong.Headers["X-Storage-Round-Trips"], right.Headers["X-Storage-Round-Trips"]);
    }

    [Fact]
    public async Task A_locked_account_answers_like_an_unknown_login()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 1 });
        await api.LoginAsync(user.Username, WrongPassword);

        var locked = await api.LoginAsync(user.Username);
        var unknown = await api.LoginAsync(Api.Unique("nobody"));

        Assert.Equal(unknown.Status, locked.Status);
        Assert.Equal(unknown.Body, locked.Body);
        Assert.Equal(unknown.Headers["X-Storage-Round-Trips"], locked.Headers["X-Storage-Round-Trips"]);
    }

    [Fact]
    public async Task A_stranger_who_knows_the_username_cannot_lock_the_holder_out_of_a_trusted_device()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var holderDevice = await api.TrustedDeviceAsync(user.Username, forwardedFor: "198.51.100.10");
        for (var i = 0; i < 5; i++)
        {
            await api.LoginAsync(user.Username, WrongPassword, forwardedFor: "203.0.113.9");
        }

        var holder = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.10", deviceToken: holderDevice);

        holder.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", holder.Json!["status"]!.GetValue<string>());
    }
}
