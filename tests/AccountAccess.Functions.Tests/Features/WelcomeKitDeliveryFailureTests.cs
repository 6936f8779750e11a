using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// A batch's kit that the queue gives up on: the SMTP relay refuses every attempt, each delivery of the message fails,
/// and after <c>maxDequeueCount</c> (shortened to 2 here) the message goes to the poison queue. The batch must still end,
/// with the person skipped for <c>delivery_failed</c> and the reason on their trail. Its own app, so the refusals queued
/// on its SMTP server reach no other test.
/// </summary>
public sealed class WelcomeKitDeliveryFailureTests(WelcomeKitDeliveryFailureTests.RefusingSmtpApp app) : IClassFixture<WelcomeKitDeliveryFailureTests.RefusingSmtpApp>
{
    private const int MaxDequeueCount = 2;

    private Api api => app.Api;

    public sealed class RefusingSmtpApp : IsolatedApp
    {
        public SmtpTestServer Smtp { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Smtp.AppSettings())
        {
            ["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override async Task BeforeStartAsync() => Smtp = await SmtpTestServer.StartAsync();

        protected override ValueTask AfterStopAsync() => Smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_kit_the_queue_gives_up_on_ends_its_batch_skipped_for_delivery_failed_and_says_so_on_the_trail()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0 });
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        app.Smtp.FailNext(MaxDequeueCount, SmtpFault.MailboxUnavailable);
        var requestId = (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/welcome-kits", new { }, asOperator: true))
            .Json!["requestId"]!.GetValue<string>();

        Reply batch = null!;
        await Eventually.TrueAsync(async () =>
        {
            batch = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/welcome-kits/{requestId}", asOperator: true);
            return batch.Json?["done"]?.GetValue<bool>() == true;
        }, TimeSpan.FromSeconds(60));

        batch.ShouldBe(HttpStatusCode.OK);
        var skipped = Assert.Single(batch.Json!["skipped"]!.AsArray())!;
        Assert.Equal(user.Id, skipped["userId"]!.GetValue<string>());
        Assert.Equal("delivery_failed", skipped["reason"]!.GetValue<string>());
        Assert.Empty(batch.Json["pending"]!.AsArray());
        var onTrail = (await api.EventsAsync(user.Id)).Single(e => e!["action"]!.GetValue<string>() == "welcome_kit_skipped")!;
        Assert.Equal("delivery_failed", onTrail["reason"]!.GetValue<string>());
        Assert.Equal(requestId, onTrail["details"]!["requestId"]!.GetValue<string>());
    }
}
