using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Devices;
using AccountAccess.Core.SignIn;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Devices;

/// <summary>The rules of trusted devices (OWASP device cookies), on a fixed clock.</summary>
public class TrustedDevicesTests
{
    private static readonly LockoutPolicy Policy = new(MaxFailedAttempts: 3, LockoutDuration: null);

    private static (User User, string Token) Trusted(User user, DateTimeOffset at)
    {
        var (trusted, _, token, _) = TrustedDevices.Trust(user, claim: null, FromIp, at);
        return (trusted, token);
    }

    private static TrustedDeviceClaim ClaimOf(User user, string token, DateTimeOffset at) =>
        new(TrustedDevices.Recognize(user, token, at)!.Id, token);

    [Fact]
    public void A_sign_in_trusts_a_new_device_whose_token_is_kept_only_as_a_hash()
    {
        var (user, _, token, events) = TrustedDevices.Trust(User("usr_jean"), claim: null, FromIp, Start);

        var device = Assert.Single(user.TrustedDevices);
        Assert.StartsWith("dvt_", token, StringComparison.Ordinal);
        Assert.Equal(DeviceTokens.Length, token.Length);
        Assert.DoesNotContain(token, device.TokenHash, StringComparison.Ordinal);
        Assert.Equal(DeviceTokens.Hash(token), device.TokenHash);
        Assert.Equal(Start + TimeSpan.FromDays(90), device.ExpiresAt);
        Assert.Equal("203.0.113.7", device.FirstIp);
        var added = Assert.Single(events);
        Assert.Equal(AuditAction.TrustedDeviceAdded, added.Action);
        Assert.Equal(device.Id, added.Details!["trustedDevice"]);
    }

    [Fact]
    public void A_token_is_recognized_for_its_own_account_only()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);
        var (marie, _) = Trusted(User("usr_marie"), Start);

        Assert.NotNull(TrustedDevices.Recognize(jean, token, Start));
        Assert.Null(TrustedDevices.Recognize(marie, token, Start));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dvt_short")]
    [InlineData("not-a-device-token-but-forty-seven-characters-x")]
    public void Anything_but_a_token_of_ours_is_no_token(string? token)
    {
        var (jean, _) = Trusted(User("usr_jean"), Start);

        Assert.Null(TrustedDevices.Recognize(jean, token, Start));
    }

    [Fact]
    public void A_device_not_renewed_for_ninety_days_is_no_longer_trusted()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);

        Assert.NotNull(TrustedDevices.Recognize(jean, token, Start.AddDays(90).AddSeconds(-1)));
        Assert.Null(TrustedDevices.Recognize(jean, token, Start.AddDays(90)));
    }

    [Fact]
    public void A_sign_in_from_a_trusted_device_keeps_its_token_and_writes_nothing_within_the_day()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);

        var (again, _, sameToken, events) = TrustedDevices.Trust(jean, ClaimOf(jean, token, Start), FromIp, Start.AddHours(20));

        Assert.Same(jean, again);
        Assert.Equal(token, sameToken);
        Assert.Empty(events);
    }

    [Fact]
    public void A_sign_in_from_a_trusted_device_a_day_later_renews_its_ninety_days()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);
        var later = Start.AddDays(60);

        var (renewed, _, sameToken, events) = TrustedDevices.Trust(jean, ClaimOf(jean, token, later), FromIp, later);

        Assert.Equal(token, sameToken);
        Assert.Equal(later.AddDays(90), Assert.Single(renewed.TrustedDevices).ExpiresAt);
        Assert.Equal(AuditAction.TrustedDeviceRenewed, Assert.Single(events).Action);
    }

    [Fact]
    public void The_second_factor_step_gives_the_device_a_new_token_and_the_old_one_stops_working()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);
        var deviceId = jean.TrustedDevices[0].Id;

        var (rotated, _, newToken, _) = TrustedDevices.Trust(jean, new TrustedDeviceClaim(deviceId, Token: null), FromIp, Start.AddMinutes(1));

        Assert.NotEqual(token, newToken);
        Assert.Null(TrustedDevices.Recognize(rotated, token, Start.AddMinutes(1)));
        Assert.Equal(deviceId, TrustedDevices.Recognize(rotated, newToken, Start.AddMinutes(1))!.Id);
    }

    [Fact]
    public void A_twenty_first_device_replaces_the_one_renewed_longest_ago()
    {
        var user = User("usr_jean");
        var (first, firstToken) = Trusted(user, Start);
        user = first;
        for (var i = 1; i < TrustedDevices.MaxPerAccount; i++)
        {
            user = Trusted(user, Start.AddMinutes(i)).User;
        }

        var (full, _, _, events) = TrustedDevices.Trust(user, claim: null, FromIp, Start.AddHours(1));

        Assert.Equal(TrustedDevices.MaxPerAccount, full.TrustedDevices.Count);
        Assert.Null(TrustedDevices.Recognize(full, firstToken, Start.AddHours(1)));
        var replaced = Assert.Single(events, e => e.Action == AuditAction.TrustedDeviceRevoked);
        Assert.Equal("replaced", replaced.Reason);
    }

    [Fact]
    public void A_trusted_devices_wrong_passwords_count_against_it_and_not_the_account()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);
        var deviceId = jean.TrustedDevices[0].Id;

        var (after, events) = TrustedDevices.RegisterFailure(jean, deviceId, Policy, FromIp, Start);

        Assert.Equal(1, Assert.Single(after.TrustedDevices).FailedAttempts);
        Assert.Equal(FailedAttempts.None, after.FailedAttempts);
        var failed = Assert.Single(events);
        Assert.Equal(AuditAction.SignInFailed, failed.Action);
        Assert.Equal(deviceId, failed.Details!["trustedDevice"]);
        Assert.NotNull(TrustedDevices.Recognize(after, token, Start));
    }

    [Fact]
    public void The_max_failed_attempts_th_wrong_password_of_a_device_ends_its_trust()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);
        var deviceId = jean.TrustedDevices[0].Id;
        IReadOnlyList<AuditEvent> events = [];
        for (var i = 0; i < Policy.MaxFailedAttempts; i++)
        {
            (jean, events) = TrustedDevices.RegisterFailure(jean, deviceId, Policy, FromIp, Start);
        }

        Assert.Null(TrustedDevices.Recognize(jean, token, Start));
        Assert.Equal("too_many_attempts", Assert.Single(events, e => e.Action == AuditAction.TrustedDeviceRevoked).Reason);
        Assert.Null(jean.Deactivation);
    }

    [Fact]
    public void A_sign_in_from_the_device_forgets_its_earlier_wrong_passwords()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);
        (jean, _) = TrustedDevices.RegisterFailure(jean, jean.TrustedDevices[0].Id, Policy, FromIp, Start);

        var (after, _, _, _) = TrustedDevices.Trust(jean, ClaimOf(jean, token, Start), FromIp, Start.AddMinutes(1));

        Assert.Equal(0, Assert.Single(after.TrustedDevices).FailedAttempts);
    }

    [Theory]
    [InlineData(DeactivationReason.TooManyAttempts, true, true)]
    [InlineData(DeactivationReason.TooManyAttempts, false, false)]
    [InlineData(DeactivationReason.Manual, true, false)]
    [InlineData(DeactivationReason.SuspiciousActivity, true, false)]
    [InlineData(DeactivationReason.Merged, true, false)]
    public void A_trusted_device_gets_through_a_lock_for_too_many_attempts_only_where_the_policy_lets_it(DeactivationReason reason, bool bypass, bool through)
    {
        var (jean, _) = Trusted(User("usr_jean"), Start);
        jean = jean with { Deactivation = new Deactivation(reason, Start, null, Actor.System) };

        var passes = TrustedDevices.PassThroughLock(jean, jean.TrustedDevices[0].Id, Policy with { TrustedDevicesBypassLockout = bypass }, Start);

        Assert.Equal(through, passes);
    }

    [Fact]
    public void Revoking_every_device_leaves_none_and_says_so_for_each()
    {
        var (jean, token) = Trusted(User("usr_jean"), Start);
        jean = Trusted(jean, Start).User;

        var (after, events) = TrustedDevices.RevokeAll(jean, "password_reset", FromIp, Start);

        Assert.Empty(after.TrustedDevices);
        Assert.Null(TrustedDevices.Recognize(after, token, Start));
        Assert.Equal(2, events.Count(e => e is { Action: AuditAction.TrustedDeviceRevoked, Reason: "password_reset" }));
    }
}
