using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Storage;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The help centre's advice, tried as people follow it: after asking several times, click only the link in the very last
/// email received. Many accounts at once get double and triple clicks on "Forgot password" (and, awaiting activation, a
/// one-click welcome kit racing a batch and a forgot-password), all at the same moment, so that the queue functions handle
/// them side by side; once every queue is drained, the link of each account's last email — last in the order the emails
/// were written, which the pickup files' names give — must pass <c>POST /api/password/reset/check</c>. The race is
/// intermittent: a run of this class is one sample of it, and docs/front-end.md ("Passwords") says how often it failed
/// in fifty runs before the ordering rule and after.
/// </summary>
public sealed class LastEmailLinkTests(LastEmailLinkTests.LastEmailApp app) : IClassFixture<LastEmailLinkTests.LastEmailApp>
{
    private Api api => app.Api;

    public sealed class LastEmailApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            // Every click of the test must be handled, not throttled: the throttle is PasswordFunctionsTests' business.
            ["Passwords__ForgotPasswordEmailsPerAccountPerHour"] = "100",
        };
    }

    private static readonly string[] DrainedQueues =
        [StorageQueues.ForgotPasswordRequests, StorageQueues.WelcomeKitFanOuts, StorageQueues.WelcomeKits];

    private Task<Reply> ForgotAsync(string login) =>
        api.SendAsync(HttpMethod.Post, "/api/password/forgot", new { login });

    [Fact]
    public async Task After_double_and_triple_clicks_on_forgot_password_the_last_email_of_every_account_holds_the_working_link()
    {
        var organizationId = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var users = await CreateUsersAsync(24, () => api.CreateUserAsync(organizationId, unitIds: [unitId]));

        for (var round = 0; round < 2; round++)
        {
            var clicks = users.SelectMany((user, i) => Enumerable.Repeat(user.Username, i % 2 == 0 ? 2 : 3)).ToList();
            foreach (var reply in await Task.WhenAll(clicks.Select(ForgotAsync)))
            {
                reply.ShouldBe(HttpStatusCode.Accepted);
            }

            await WaitUntilEveryRequestIsHandledAsync(users, emailsEach: round + 1);
            await LastEmailOfEachShouldHoldAWorkingLinkAsync(users);
        }
    }

    [Fact]
    public async Task Awaiting_activation_a_one_click_kit_racing_a_batch_and_a_forgot_password_leaves_the_working_link_in_the_last_email()
    {
        var organizationId = await api.CreateOrganizationAsync(new { passwordMaxAgeDays = 0 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var users = await CreateUsersAsync(16, () => api.CreateUserAsync(organizationId, unitIds: [unitId], password: null));

        var batch = api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/welcome-kits", new { }, asOperator: true);
        var oneClicks = users.Select(user => api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/welcome-kit", asOperator: true));
        var forgots = users.Where((_, i) => i % 2 == 0).Select(user => ForgotAsync(user.Username));
        foreach (var reply in await Task.WhenAll([batch, .. oneClicks, .. forgots]))
        {
            reply.ShouldBe(HttpStatusCode.Accepted);
        }

        await WaitUntilEveryRequestIsHandledAsync(users, emailsEach: 1);
        await LastEmailOfEachShouldHoldAWorkingLinkAsync(users);
    }

    private static async Task<IReadOnlyList<TestUser>> CreateUsersAsync(int count, Func<Task<TestUser>> create)
    {
        var users = new List<TestUser>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(8))
        {
            users.AddRange(await Task.WhenAll(chunk.Select(_ => create())));
        }

        return users;
    }

    /// <summary>
    /// Waits until no queue holds a message (visible, in flight, or put off until a claim ends) and every account has at
    /// least <paramref name="emailsEach"/> emails: every request has then been handled and every email it sent is written.
    /// </summary>
    private async Task WaitUntilEveryRequestIsHandledAsync(IReadOnlyList<TestUser> users, int emailsEach)
    {
        await app.QueuesEmptyAsync(DrainedQueues);
        await Eventually.TrueAsync(() => Task.FromResult(users.All(user => app.Mail.SentTo(user.Email).Count >= emailsEach)));
    }

    private async Task LastEmailOfEachShouldHoldAWorkingLinkAsync(IReadOnlyList<TestUser> users)
    {
        var broken = new List<string>();
        foreach (var user in users)
        {
            var emails = app.Mail.SentTo(user.Email);
            var check = await api.SendAsync(HttpMethod.Post, "/api/password/reset/check", new { token = PickupFolder.TokenIn(emails[^1]) });
            if (check.Status != HttpStatusCode.OK)
            {
                broken.Add($"{user.Username}: {emails.Count} emails ({string.Join(", ", emails.Select(e => e.Subject))}), the last one's link answers {(int)check.Status} {check.Body}");
            }
        }

        Assert.True(broken.Count == 0, $"{broken.Count} of {users.Count} accounts are left without a working link in their last email:\n{string.Join("\n", broken)}");
    }
}
