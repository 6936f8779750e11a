using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The status filters of member search as time passes, in the real app on its own Azurite with shortened durations: a
/// password past its maximum age (2 s in organizations that rotate) is <c>password_expired</c> though nothing was written
/// since, and a timed lock (<c>lockoutMinutes</c>, 5 s here) that ran out is no longer <c>locked</c>. The index entry does not change with the time;
/// the list must.
/// </summary>
public sealed class MemberStatusOverTimeTests(MemberStatusOverTimeTests.StatusApp app) : IClassFixture<MemberStatusOverTimeTests.StatusApp>
{
    private Api api => app.Api;

    public sealed class StatusApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Passwords__MaxAgeOverride"] = "00:00:02",
            ["Lockouts__DurationOverride"] = "00:00:05",
        };
    }

    [Fact]
    public async Task A_password_that_passed_its_maximum_age_after_the_last_write_is_listed_as_password_expired()
    {
        // No rotation when the password is set (maximum age 0: the rotation ends at once), so nothing marks it expired
        // later when the policy starts rotating: only its age tells.
        var (organizationId, _, user) = await api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0 });
        await Eventually.TrueAsync(async () =>
            (await api.SendAsync(HttpMethod.Get, $"/api/workflows/PasswordRotation/{user.Id}", asOperator: true)).Json?["status"]?.GetValue<string>() == "completed");
        (await api.SendAsync(HttpMethod.Put, $"/api/organizations/{organizationId}/policy", new { passwordMaxAgeDays = 90 }, asOperator: true)).ShouldBe(HttpStatusCode.OK);

        await Eventually.TrueAsync(async () => Ids(await MembersAsync(organizationId, "?status=password_expired")).Contains(user.Id), TimeSpan.FromSeconds(20));

        var listed = (await MembersAsync(organizationId, "?status=password_expired")).Single(m => m!["userId"]!.GetValue<string>() == user.Id)!;
        Assert.Contains("password_change_required", listed["blockers"]!.AsArray().Select(b => b!.GetValue<string>()));
    }

    [Fact]
    public async Task A_password_within_its_maximum_age_is_not_listed_as_password_expired()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0 });

        var expired = await MembersAsync(organizationId, "?status=password_expired");

        Assert.DoesNotContain(user.Id, Ids(expired));
        Assert.Contains(user.Id, Ids(await MembersAsync(organizationId, "?status=active")));
    }

    [Fact]
    public async Task A_timed_lock_that_ended_by_itself_is_no_longer_listed_as_locked()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 1, lockoutMinutes = 30, passwordMaxAgeDays = 0 });
        (await api.LoginAsync(user.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);
        Assert.Contains(user.Id, Ids(await MembersAsync(organizationId, "?status=locked")));

        await Eventually.TrueAsync(async () => !Ids(await MembersAsync(organizationId, "?status=locked")).Contains(user.Id), TimeSpan.FromSeconds(20));

        Assert.Contains(user.Id, Ids(await MembersAsync(organizationId, "?status=active")));
    }

    private async Task<JsonArray> MembersAsync(string organizationId, string query)
    {
        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/members{query}", asOperator: true);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["members"]!.AsArray();
    }

    private static List<string> Ids(JsonArray members) => members.Select(m => m!["userId"]!.GetValue<string>()).ToList();
}
