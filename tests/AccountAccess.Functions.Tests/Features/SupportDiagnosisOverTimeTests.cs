using System.Globalization;
using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The support diagnosis of blockers that depend on durations, in the real app on its own Azurite with the durations set
/// by configuration: in organizations that rotate, passwords expire 2 s after they are set; timed locks last 10 minutes,
/// so that none ends during a test (the shared app's 2 s would race the diagnosis). The rest of the diagnosis is in
/// <see cref="SupportFunctionsTests"/>.
/// </summary>
public sealed class SupportDiagnosisOverTimeTests(SupportDiagnosisOverTimeTests.DiagnosisApp app) : IClassFixture<SupportDiagnosisOverTimeTests.DiagnosisApp>
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(10);

    private Api api => app.Api;

    public sealed class DiagnosisApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Passwords__MaxAgeOverride"] = "00:00:02",
            ["Passwords__ReminderLeadOverride"] = "00:00:01",
            ["Lockouts__DurationOverride"] = "00:10:00",
        };
    }

    [Fact]
    public async Task A_password_past_its_maximum_age_is_a_step_at_the_next_sign_in_not_a_refusal()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var diagnosis = await PasswordPastItsMaximumAgeAsync(user.Id);

        Assert.True(diagnosis["canSignIn"]!.GetValue<bool>());
        var blocker = Blockers.Single(diagnosis, "password_change_required");
        Assert.Equal("next_sign_in", blocker["blocks"]!.GetValue<string>());
        Assert.Equal("expired", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("choose_new_password_at_sign_in", blocker["remedyCode"]!.GetValue<string>());
    }

    /// <summary>The diagnosis once the password has passed its maximum age (2 s): read again until it says so.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> PasswordPastItsMaximumAgeAsync(string userId)
    {
        System.Text.Json.Nodes.JsonNode diagnosis = null!;
        await Eventually.TrueAsync(async () =>
            (diagnosis = await api.DiagnoseAsync(userId))["blockers"]!.AsArray().Any(b => b!["code"]!.GetValue<string>() == "password_change_required"));
        return diagnosis;
    }

    [Fact]
    public async Task A_timed_lock_shows_when_it_ends_and_that_waiting_until_then_is_enough()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 1, lockoutMinutes = 30, passwordMaxAgeDays = 0 });
        (await api.LoginAsync(user.Username, "Wrong-Password-123")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.False(diagnosis["canSignIn"]!.GetValue<bool>());
        var blocker = Blockers.Single(diagnosis, "account_deactivated");
        Assert.Equal("too_many_attempts", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("wait_for_lock_to_end", blocker["remedyCode"]!.GetValue<string>());
        var until = blocker["details"]!["until"]!.GetValue<string>();
        var since = DateTimeOffset.Parse(blocker["since"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        // details.until is shown to the second; since is not.
        Assert.InRange(DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) - since, LockDuration - TimeSpan.FromSeconds(1), LockDuration);
        Assert.Contains(until, blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
