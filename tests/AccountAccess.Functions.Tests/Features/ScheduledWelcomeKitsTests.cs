using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The welcome-kit timer firing by itself (every second here), on its own app and Azurite: a user created pending
/// activation gets exactly one kit without anyone asking, even while the host also invokes the timer.
/// </summary>
public sealed class ScheduledWelcomeKitsTests(ScheduledWelcomeKitsTests.ScheduleApp app) : IClassFixture<ScheduledWelcomeKitsTests.ScheduleApp>
{
    private Api api => app.Api;

    public sealed class ScheduleApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["WelcomeKits__Schedule"] = "* * * * * *",
        };
    }

    [Fact]
    public async Task A_user_created_pending_activation_gets_exactly_one_kit_from_the_timer()
    {
        var (organizationId, unitId, active) = await api.CreateStaffAsync();
        var pending = new List<TestUser>();
        for (var i = 0; i < 4; i++)
        {
            pending.Add(await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null));
        }

        var byTheHost = Enumerable.Range(0, 3).Select(_ => api.RunFunctionAsync("ScheduledWelcomeKits"));
        Assert.All(await Task.WhenAll(byTheHost), run => run.ShouldBe(HttpStatusCode.Accepted));
        foreach (var user in pending)
        {
            await app.Mail.WaitForAsync(user.Email);
        }

        // Two more runs of the timer, each over when answered: neither sends a second kit.
        (await api.RunFunctionAsync("ScheduledWelcomeKits")).ShouldBe(HttpStatusCode.Accepted);
        (await api.RunFunctionAsync("ScheduledWelcomeKits")).ShouldBe(HttpStatusCode.Accepted);
        Assert.All(pending, user => Assert.Single(app.Mail.SentTo(user.Email)));
        Assert.Empty(app.Mail.SentTo(active.Email));
        var stored = (await api.SendAsync(HttpMethod.Get, $"/api/users/{pending[0].Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK).Json!;
        Assert.Equal("pending_activation", stored["status"]!.GetValue<string>());
        Assert.NotNull(stored["welcomeKitSentAt"]);
    }
}
