using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Trusted devices over HTTP (API.md "Trusted devices", OWASP device cookies): every <c>status:"ok"</c> answer carries a
/// <c>deviceToken</c>; a sign-in that brings it back for its account is judged on that device's own failures.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TrustedDeviceTests(AppFixture fixture)
{
    private const string WrongPassword = "Wrong-Password-123";

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_sign_in_answers_with_a_device_token_that_is_never_cached()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.LoginAsync(user.Username);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.StartsWith("dvt_", reply.Json!["deviceToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("no-store", reply.Headers["Cache-Control"], StringComparison.Ordinal);
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "trusted_device_added"));
    }

    [Fact]
    public async Task A_sign_in_from_a_trusted_device_renews_the_same_token()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var device = await api.TrustedDeviceAsync(user.Username);

        var again = await api.LoginAsync(user.Username, deviceToken: device);

        Assert.Equal(device, again.Json!["deviceToken"]!.GetValue<string>());
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "trusted_device_added"));
    }

    [Fact]
    public async Task An_attacker_locks_the_account_the_holder_signs_in_on_a_trusted_device_and_gets_the_generic_answer_on_a_new_one()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var phone = await api.TrustedDeviceAsync(user.Username, forwardedFor: "198.51.100.30");
        for (var i = 0; i < 3; i++)
        {
            await api.LoginAsync(user.Username, WrongPassword, forwardedFor: "203.0.113.30");
        }

        var onPhone = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.30", deviceToken: phone);
        var onNewLaptop = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.31");

        onPhone.ShouldBe(HttpStatusCode.OK);
        onNewLaptop.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        var lockBlocker = Blockers.Single(await api.DiagnoseAsync(user.Id), "account_deactivated");
        Assert.Equal("1", lockBlocker["details"]!["trustedDevices"]!.GetValue<string>());
        Assert.Contains("still sign in", lockBlocker["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_the_pci_dss_4_preset_the_lock_keeps_trusted_devices_out_and_tells_them_when_it_ends()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { preset = "pci-dss-4", maxFailedAttempts = 3 });
        var device = await api.TrustedDeviceAsync(user.Username);
        for (var i = 0; i < 3; i++)
        {
            await api.LoginAsync(user.Username, WrongPassword, forwardedFor: "203.0.113.31");
        }

        var proven = await api.LoginAsync(user.Username, deviceToken: device);
        var provenInFrench = await api.LoginAsync(user.Username, deviceToken: device, language: "fr");

        proven.ShouldBeError(HttpStatusCode.Forbidden, "account_deactivated");
        Assert.Equal("too_many_attempts", proven.Details!["reason"]!.GetValue<string>());
        Assert.Equal("wait_for_lock_to_end", proven.Json!["error"]!["remedyCode"]!.GetValue<string>());
        Assert.Contains(proven.Details["until"]!.GetValue<string>()[..16], proven.Json["error"]!["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
        provenInFrench.ShouldBeError(HttpStatusCode.Forbidden, "account_deactivated");
        Assert.StartsWith("Le verrouillage", provenInFrench.Json!["error"]!["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_devices_own_wrong_passwords_end_its_trust_and_never_lock_the_account()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var device = await api.TrustedDeviceAsync(user.Username);
        for (var i = 0; i < 3; i++)
        {
            (await api.LoginAsync(user.Username, WrongPassword, deviceToken: device)).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var shown = (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, shown.Json!["failedAttempts"]!["count"]!.GetValue<int>());
        Assert.Null(shown.Json["deactivation"]);
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "trusted_device_revoked"));
        Assert.Empty((await api.DiagnoseAsync(user.Id))["trustedDevices"]!.AsArray());
    }

    [Fact]
    public async Task The_diagnosis_lists_the_trusted_devices_without_their_tokens()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var device = await api.TrustedDeviceAsync(user.Username, forwardedFor: "198.51.100.33");

        var diagnosis = await api.DiagnoseAsync(user.Id);

        var listed = Assert.Single(diagnosis["trustedDevices"]!.AsArray())!;
        Assert.StartsWith("dev_", listed["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("198.51.100.33", listed["firstIp"]!.GetValue<string>());
        Assert.DoesNotContain(device, diagnosis.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(device[4..], (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).Body, StringComparison.Ordinal);
    }
}
