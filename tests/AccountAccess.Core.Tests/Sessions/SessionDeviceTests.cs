using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Sessions;

/// <summary>
/// A session and the trusted device it was opened on, on a fake clock: one write opens both, a refresh answers the
/// device token, ending the session revokes the device.
/// </summary>
public sealed class SessionDeviceTests
{
    private readonly SessionWorld world = new();

    private DateTimeOffset Now => world.World.Time.GetUtcNow();

    [Fact]
    public async Task A_first_sign_in_on_a_new_device_saves_the_device_and_the_session_in_one_write()
    {
        var saves = world.World.Users.SaveCount;

        var signedIn = await world.SignInAsync();

        Assert.Equal(saves + 1, world.World.Users.SaveCount);
        var device = TrustedDevices.Recognize(world.Jean, signedIn.DeviceToken, Now);
        Assert.Equal(device!.Id, Assert.Single(world.Jean.Sessions).DeviceId);
        Assert.Single(world.World.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.TrustedDeviceAdded);
    }

    [Fact]
    public async Task A_sign_in_from_a_trusted_device_opens_its_session_on_that_device()
    {
        var first = await world.SignInAsync();

        var again = await world.SignInAsync(deviceToken: first.DeviceToken);

        Assert.Equal(first.DeviceToken, again.DeviceToken);
        Assert.Single(world.Jean.TrustedDevices);
        Assert.Single(world.Jean.Sessions.Select(s => s.DeviceId).Distinct());
    }

    [Fact]
    public async Task A_refresh_that_brings_back_the_device_token_answers_it_again_without_saving_the_user()
    {
        var signedIn = await world.SignInAsync();
        var saves = world.World.Users.SaveCount;

        var refreshed = Assert.IsType<SignedIn.Granted>((await world.RefreshAsync(signedIn.Session.RefreshToken, deviceToken: signedIn.DeviceToken)).Value);

        Assert.Equal(signedIn.DeviceToken, refreshed.DeviceToken);
        Assert.Equal(saves, world.World.Users.SaveCount);
    }

    [Fact]
    public async Task A_refresh_a_day_later_renews_the_devices_ninety_days()
    {
        var signedIn = await world.SignInAsync();
        world.World.Time.Advance(TimeSpan.FromDays(1));

        var refreshed = Assert.IsType<SignedIn.Granted>((await world.RefreshAsync(signedIn.Session.RefreshToken, deviceToken: signedIn.DeviceToken)).Value);

        Assert.Equal(signedIn.DeviceToken, refreshed.DeviceToken);
        Assert.Equal(Now + TrustedDevices.Lifetime, Assert.Single(world.Jean.TrustedDevices).ExpiresAt);
        Assert.Contains(world.World.Users.EventsOf("usr_jean"), e => e is { Action: AuditAction.TrustedDeviceRenewed, Reason: "refreshed" });
    }

    [Fact]
    public async Task A_refresh_without_the_device_token_re_keys_the_sessions_device_and_the_token_another_tab_holds_still_works()
    {
        var signedIn = await world.SignInAsync();

        var refreshed = Assert.IsType<SignedIn.Granted>((await world.RefreshAsync(signedIn.Session.RefreshToken)).Value);

        Assert.StartsWith("dvt_", refreshed.DeviceToken, StringComparison.Ordinal);
        Assert.NotEqual(signedIn.DeviceToken, refreshed.DeviceToken);
        var device = Assert.Single(world.Jean.TrustedDevices);
        Assert.Equal(device.Id, TrustedDevices.Recognize(world.Jean, refreshed.DeviceToken, Now)?.Id);
        Assert.Equal(device.Id, TrustedDevices.Recognize(world.Jean, signedIn.DeviceToken, Now)?.Id);
    }

    [Fact]
    public async Task Refreshes_without_a_device_token_never_push_the_holders_other_devices_out()
    {
        var laptop = await world.SignInAsync();
        var phone = await world.SignInAsync();
        var refreshToken = phone.Session.RefreshToken;

        for (var i = 0; i < TrustedDevices.MaxPerAccount + 1; i++)
        {
            refreshToken = Assert.IsType<SignedIn.Granted>((await world.RefreshAsync(refreshToken)).Value).Session.RefreshToken;
            world.World.Time.Advance(TimeSpan.FromMinutes(15));
        }

        Assert.Equal(2, world.Jean.TrustedDevices.Count);
        Assert.NotNull(TrustedDevices.Recognize(world.Jean, laptop.DeviceToken, Now));
    }

    [Fact]
    public async Task A_refresh_of_a_session_whose_device_was_revoked_answers_no_device_token()
    {
        var signedIn = await world.SignInAsync();
        var otherSession = await world.SignInAsync(deviceToken: signedIn.DeviceToken);
        await world.Ending.SignOutAsync(world.CallerOf(otherSession), FromIp, CancellationToken.None);

        var refreshed = Assert.IsType<SignedIn.Granted>((await world.RefreshAsync(signedIn.Session.RefreshToken, deviceToken: signedIn.DeviceToken)).Value);

        Assert.Null(refreshed.DeviceToken);
        Assert.Empty(world.Jean.TrustedDevices);
    }

    [Fact]
    public async Task A_refresh_of_a_session_opened_before_sessions_named_their_device_trusts_one_and_names_it()
    {
        var signedIn = await world.SignInAsync();
        var stored = (await world.World.Users.GetAsync("usr_jean", CancellationToken.None))!;
        await world.World.Users.SaveAsync(stored, world.Jean with
        {
            TrustedDevices = [],
            Sessions = [.. world.Jean.Sessions.Select(s => s with { DeviceId = null })],
        }, [], CancellationToken.None);

        var refreshed = Assert.IsType<SignedIn.Granted>((await world.RefreshAsync(signedIn.Session.RefreshToken)).Value);

        var device = TrustedDevices.Recognize(world.Jean, refreshed.DeviceToken, Now);
        Assert.Equal(device!.Id, Assert.Single(world.Jean.Sessions).DeviceId);
    }

    [Theory]
    [InlineData("signed_out")]
    [InlineData("ended_by_holder")]
    [InlineData("ended_by_administrator")]
    public async Task Ending_a_session_revokes_its_device_and_leaves_the_others_trusted(string ending)
    {
        var phone = await world.SignInAsync();
        var laptop = await world.SignInAsync();

        var result = ending switch
        {
            "signed_out" => await world.Ending.SignOutAsync(world.CallerOf(laptop), FromIp, CancellationToken.None),
            "ended_by_holder" => await world.Ending.EndOwnAsync(world.CallerOf(phone), laptop.Session.Id, FromIp, CancellationToken.None),
            _ => await world.Ending.EndAllAsync(Caller.Operator.Instance, "usr_jean", FromIp, CancellationToken.None),
        };

        Assert.True(result.Succeeded);
        Assert.Null(TrustedDevices.Recognize(world.Jean, laptop.DeviceToken, Now));
        Assert.Equal(ending != "ended_by_administrator", TrustedDevices.Recognize(world.Jean, phone.DeviceToken, Now) is not null);
        Assert.Contains(world.World.Users.EventsOf("usr_jean"), e => e is { Action: AuditAction.TrustedDeviceRevoked } && e.Reason == ending);
    }

    [Fact]
    public async Task A_revoked_device_no_longer_passes_a_lock_for_too_many_attempts()
    {
        var signedIn = await world.SignInAsync();
        await world.Ending.SignOutAsync(world.CallerOf(signedIn), FromIp, CancellationToken.None);
        var deviceId = Assert.Single(world.Jean.Sessions).DeviceId;
        var locked = world.Jean with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Now, null, Actor.System) };

        Assert.False(TrustedDevices.PassThroughLock(locked, deviceId, new LockoutPolicy(MaxFailedAttempts: 3, LockoutDuration: null), Now));
    }

    [Fact]
    public async Task A_reused_refresh_token_ends_the_session_and_revokes_its_device()
    {
        var signedIn = await world.SignInAsync();
        await world.RefreshAsync(signedIn.Session.RefreshToken);
        world.World.Time.Advance(TimeSpan.FromMinutes(1));

        await world.RefreshAsync(signedIn.Session.RefreshToken);

        Assert.Null(TrustedDevices.Recognize(world.Jean, signedIn.DeviceToken, Now));
        Assert.Contains(world.World.Users.EventsOf("usr_jean"), e => e is { Action: AuditAction.TrustedDeviceRevoked, Reason: "refresh_token_reused" });
    }

    [Fact]
    public async Task A_refresh_that_brings_the_device_token_back_does_not_forgive_the_devices_wrong_passwords()
    {
        var signedIn = await world.SignInAsync();
        await WrongPasswordAsync(signedIn.DeviceToken);
        world.World.Time.Advance(TimeSpan.FromDays(1));

        await world.RefreshAsync(signedIn.Session.RefreshToken, deviceToken: signedIn.DeviceToken);

        Assert.Equal(1, Assert.Single(world.Jean.TrustedDevices).FailedAttempts);
    }

    [Fact]
    public async Task A_refresh_that_re_keys_the_device_does_not_forgive_its_wrong_passwords()
    {
        var signedIn = await world.SignInAsync();
        await WrongPasswordAsync(signedIn.DeviceToken);

        await world.RefreshAsync(signedIn.Session.RefreshToken);

        Assert.Equal(1, Assert.Single(world.Jean.TrustedDevices).FailedAttempts);
    }

    /// <summary>
    /// A wrong password from the device <paramref name="deviceToken"/> names: counted against that device. A refresh
    /// proves no password, so only a sign-in's right password may clear that count (else a refresh token held with the
    /// device token would buy <c>maxFailedAttempts - 1</c> guesses through the lock after every refresh).
    /// </summary>
    private async Task WrongPasswordAsync(string? deviceToken)
    {
        var attempt = new SignInRequest("usr_jean", "not-the-password", new SignInAttempt(Portal.Employee, null), deviceToken);
        var result = await world.World.SignIn.SignInAsync(attempt, SessionWorld.FromPhone, CancellationToken.None);
        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
    }
}
