using System.Text.Json;
using System.Text.Json.Serialization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Features;
using AccountAccess.Functions.Tests.Infrastructure;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The welcome-kit queue and timer functions called directly (no host, no queue): a constructed
/// <see cref="QueueMessage"/> or <see cref="TimerInfo"/>, Core over <see cref="WelcomeKitWorld"/>'s fakes. A queue
/// function that throws makes the host deliver the message again, then poison it: so throwing is its way to say "retry".
/// </summary>
public sealed class WelcomeKitFunctionsUnitTests
{
    /// <summary>The queue's wire form, as the storage adapter writes it: camelCase JSON, closed sets in snake_case.</summary>
    private static readonly JsonSerializerOptions QueueJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private readonly WelcomeKitWorld world = new();
    private readonly WelcomeKitFunctions functions;

    public WelcomeKitFunctionsUnitTests()
    {
        world.Organizations.Add(Organization("org_a"));
        functions = new WelcomeKitFunctions(world.Sender, world.Batches, world.Schedule, world.Sweep, HostJson.Defaults, NullLogger<WelcomeKitFunctions>.Instance);
    }

    private static QueueMessage MessageOf<T>(T body, long dequeueCount = 1) =>
        QueuesModelFactory.QueueMessage("msg-1", "receipt", BinaryData.FromString(JsonSerializer.Serialize(body, QueueJson)), dequeueCount);

    private WelcomeKitRequest BatchRequestFor(string userId) =>
        new("req_1", userId, WelcomeKitTrigger.Batch, world.Time.GetUtcNow(), ContextOf(Core.Authorization.Caller.Operator.Instance), "org_a");

    [Fact]
    public async Task A_queued_request_sends_the_kit_to_its_user()
    {
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));

        await functions.DeliverWelcomeKit(MessageOf(BatchRequestFor("usr_new")), NoWorkflows.Client, CancellationToken.None);

        Assert.Single(world.EmailsTo("usr_new"));
    }

    [Fact]
    public async Task The_same_message_delivered_again_sends_nothing_more()
    {
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        var message = MessageOf(BatchRequestFor("usr_new"));
        await functions.DeliverWelcomeKit(message, NoWorkflows.Client, CancellationToken.None);

        await functions.DeliverWelcomeKit(MessageOf(BatchRequestFor("usr_new"), dequeueCount: 2), NoWorkflows.Client, CancellationToken.None);

        Assert.Single(world.EmailsTo("usr_new"));
    }

    [Fact]
    public async Task A_kit_that_could_not_be_emailed_fails_the_invocation_naming_the_user_so_the_queue_retries()
    {
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        world.Email.FailWith = new IOException("the mail server is down");

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => functions.DeliverWelcomeKit(MessageOf(BatchRequestFor("usr_new")), NoWorkflows.Client, CancellationToken.None));

        Assert.Contains("usr_new", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_the_mail_server_is_back_sends_the_kit()
    {
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        world.Email.FailWith = new IOException("the mail server is down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => functions.DeliverWelcomeKit(MessageOf(BatchRequestFor("usr_new")), NoWorkflows.Client, CancellationToken.None));
        world.Email.FailWith = null;

        await functions.DeliverWelcomeKit(MessageOf(BatchRequestFor("usr_new"), dequeueCount: 2), NoWorkflows.Client, CancellationToken.None);

        Assert.Single(world.EmailsTo("usr_new"));
    }

    [Fact]
    public async Task A_message_that_is_not_a_welcome_kit_request_fails_as_unreadable_json()
    {
        var garbage = QueuesModelFactory.QueueMessage("msg-1", "receipt", BinaryData.FromString("not json"), dequeueCount: 1);

        await Assert.ThrowsAsync<JsonException>(() => functions.DeliverWelcomeKit(garbage, NoWorkflows.Client, CancellationToken.None));
        Assert.Empty(world.Email.Sent);
    }

    [Fact]
    public async Task A_fan_out_message_queues_one_request_per_user()
    {
        var fanOut = new WelcomeKitFanOut("req_1", world.Time.GetUtcNow(), ContextOf(Core.Authorization.Caller.Operator.Instance), "org_a",
            [new WelcomeKitTarget("usr_1", null), new WelcomeKitTarget("usr_2", null)]);

        await functions.FanOutWelcomeKits(MessageOf(fanOut), CancellationToken.None);

        Assert.Equal(["usr_1", "usr_2"], world.Queue.Sent.Select(r => r.UserId).Order());
    }

    [Fact]
    public async Task The_timer_sends_nothing_to_an_account_that_is_already_active()
    {
        world.AddActive("usr_active", Member("org_a", Role.Employee, "unit_1"));

        await functions.ScheduledWelcomeKits(new TimerInfo(), NoWorkflows.Client, CancellationToken.None);

        Assert.Empty(world.EmailsTo("usr_active"));
    }

    [Fact]
    public async Task A_delivery_before_the_last_that_cannot_email_the_kit_leaves_the_person_pending_in_the_batch()
    {
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        await QueueBatchForAsync("usr_new");
        world.Email.FailWith = new IOException("the mail server is down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => functions.DeliverWelcomeKit(MessageOf(world.Queue.Sent.Single(), dequeueCount: HostJson.Defaults.MaxDequeueCount - 1), NoWorkflows.Client, CancellationToken.None));

        var batch = (await world.Progress.GetAsync("org_a", world.Queue.Sent.Single().RequestId, CancellationToken.None))!;
        Assert.Equal(["usr_new"], batch.Pending);
        Assert.False(batch.Done);
    }

    [Fact]
    public async Task The_last_delivery_that_cannot_email_the_kit_skips_the_person_for_delivery_failed_and_still_fails_to_poison_the_message()
    {
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        await QueueBatchForAsync("usr_new");
        world.Email.FailWith = new IOException("the mail server is down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => functions.DeliverWelcomeKit(MessageOf(world.Queue.Sent.Single(), dequeueCount: HostJson.Defaults.MaxDequeueCount), NoWorkflows.Client, CancellationToken.None));

        var batch = (await world.Progress.GetAsync("org_a", world.Queue.Sent.Single().RequestId, CancellationToken.None))!;
        Assert.Equal([new SkippedMember("usr_new", WelcomeKitSkipReason.DeliveryFailed)], batch.Skipped);
        Assert.True(batch.Done);
    }

    [Fact]
    public async Task The_timer_deletes_a_batch_older_than_the_retention_and_keeps_a_newer_one()
    {
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        var old = await QueueBatchForAsync("usr_new");
        world.Time.Advance(world.Settings.BatchRetention);
        var recent = await QueueBatchForAsync("usr_new");
        world.Time.Advance(TimeSpan.FromSeconds(1));

        await functions.ScheduledWelcomeKits(new TimerInfo(), NoWorkflows.Client, CancellationToken.None);

        Assert.Null(await world.Progress.GetAsync("org_a", old, CancellationToken.None));
        Assert.NotNull(await world.Progress.GetAsync("org_a", recent, CancellationToken.None));
    }

    /// <summary>Queues a batch for <paramref name="userId"/> and runs its fan-out, leaving the person's request in the queue.</summary>
    private async Task<string> QueueBatchForAsync(string userId)
    {
        var batch = await world.Batches.QueueAsync(Core.Authorization.Caller.Operator.Instance, "org_a", [userId], ContextOf(Core.Authorization.Caller.Operator.Instance), CancellationToken.None);
        world.Queue.Sent.Clear();
        foreach (var fanOut in world.Queue.TakeFanOuts())
        {
            await world.Batches.FanOutAsync(fanOut, CancellationToken.None);
        }

        world.Queue.TakeVisible();
        return batch.Value.RequestId;
    }
}
