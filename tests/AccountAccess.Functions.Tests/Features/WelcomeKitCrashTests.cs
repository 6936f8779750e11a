using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// A welcome-kit batch whose process dies mid-way, on its own app and Azurite: the queue keeps the messages not yet
/// handled, those being handled come back once their visibility ends, and a claim the dead process held expires, so after
/// a restart every user gets a kit and exactly one is on record. Visibility is shrunk to 3 s and claims to 6 s (a send is
/// given nine tenths of its claim: under the whole suite's load, a batch's durable start and email can take seconds).
/// </summary>
public sealed class WelcomeKitCrashTests(WelcomeKitCrashTests.CrashApp app) : IClassFixture<WelcomeKitCrashTests.CrashApp>
{
    private const int Users = 150;

    /// <summary>The local runner's messages handled at once: what can be in flight when the process dies.</summary>
    private const int InFlightAtMost = 32;

    public sealed class CrashApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Triggers__LocalMessageVisibility"] = "00:00:03",
            ["Passwords__LinkEmailClaimTimeout"] = "00:00:06",
        };
    }

    [Fact]
    public async Task A_batch_cut_by_a_crash_reaches_every_user_after_a_restart_with_one_kit_on_record_and_the_latest_link_working()
    {
        var (organizationId, unitId, _) = await app.Api.CreateStaffAsync();
        var pending = new List<TestUser>();
        foreach (var chunk in Enumerable.Range(0, Users).Chunk(10))
        {
            pending.AddRange(await Task.WhenAll(chunk.Select(_ => app.Api.CreateUserAsync(organizationId, unitIds: [unitId], password: null))));
        }

        var batch = await app.Api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/welcome-kits", asOperator: true);
        Assert.Equal(Users, batch.ShouldBe(HttpStatusCode.Accepted).Json!["queued"]!.GetValue<int>());
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (app.Mail.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        app.App.Kill();
        var sentBeforeTheCrash = app.Mail.Count;
        await app.RestartAsync();

        Assert.InRange(sentBeforeTheCrash, 1, Users - 1);
        foreach (var user in pending)
        {
            await app.Mail.WaitForAsync(user.Email, timeout: TimeSpan.FromSeconds(60));
        }

        // Any message the dead process was handling comes back after the visibility timeout and is handled again (past the
        // claim timeout): once the queues are empty, nothing more can be sent.
        await app.QueuesEmptyAsync(Storage.StorageQueues.WelcomeKitFanOuts, Storage.StorageQueues.WelcomeKits);
        var emails = pending.ToDictionary(user => user, user => app.Mail.SentTo(user.Email));
        Assert.True(emails.Count(e => e.Value.Count > 1) <= InFlightAtMost, "Only a kit emailed just before the crash may go out twice.");
        foreach (var user in pending)
        {
            Assert.Equal(1, await app.Api.CountEventsAsync(user.Id, "welcome_kit_sent"));
        }

        var twice = emails.FirstOrDefault(e => e.Value.Count > 1);
        var (someone, theirs) = twice.Key is null ? emails.First() : twice;
        var latest = PickupFolder.TokenIn(theirs[^1]);
        (await app.Api.SendAsync(HttpMethod.Post, "/api/password/reset", new { token = latest, newPassword = "Amber-Lighthouse-77" }))
            .ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal("ok", (await app.Api.LoginAsync(someone.Username, "Amber-Lighthouse-77")).ShouldBe(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
    }
}
