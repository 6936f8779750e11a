using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.WelcomeKits;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.WelcomeKits;

public sealed class WelcomeKitBatchesTests
{
    private readonly WelcomeKitWorld world = new();
    private readonly User administrator;

    public WelcomeKitBatchesTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.Organizations.Add(Organization("org_b"));
        administrator = world.AddActive("usr_admin", Member("org_a", Role.Administrator));
        world.AddPending("usr_ann", Member("org_a", Role.Employee, "unit_1"));
        world.AddPending("usr_bob", Member("org_a", Role.Client));
        world.Users.Add(world.AddPending("usr_cid", Member("org_a", Role.Employee, "unit_1")) with { Email = null, Phone = "+15145550100" });
        world.AddActive("usr_dan", Member("org_a", Role.Employee, "unit_1"));
        world.AddPending("usr_eve", Member("org_b", Role.Employee, "unit_9"));
    }

    private Task<Result<WelcomeKitBatch>> QueueAsync(IReadOnlyList<string>? userIds = null, Caller? caller = null, string organizationId = "org_a") =>
        world.Batches.QueueAsync(caller ?? Caller.Operator.Instance, organizationId, userIds, ContextOf(caller ?? Caller.Operator.Instance), CancellationToken.None);

    [Fact]
    public async Task Without_user_ids_every_member_pending_activation_is_queued_or_skipped_with_a_reason()
    {
        var batch = (await QueueAsync()).Value;

        Assert.Equal(2, batch.Queued);
        Assert.Equal([new SkippedMember("usr_cid", WelcomeKitSkipReason.NoEmail)], batch.Skipped);
        var fanOut = Assert.Single(world.Queue.FanOutsSent);
        Assert.Equal(["usr_ann", "usr_bob"], fanOut.Targets.Where(t => t.SkippedFor is null).Select(t => t.UserId).Order());
        Assert.Empty(world.Email.Sent);
    }

    [Fact]
    public async Task With_user_ids_each_one_is_queued_or_skipped_with_a_reason()
    {
        var batch = (await QueueAsync(["usr_ann", "usr_dan", "usr_eve", "usr_nobody", "usr_ann"])).Value;

        Assert.Equal(1, batch.Queued);
        Assert.Equal(
            [
                new SkippedMember("usr_dan", WelcomeKitSkipReason.AlreadyActive),
                new SkippedMember("usr_eve", WelcomeKitSkipReason.NotAMember),
                new SkippedMember("usr_nobody", WelcomeKitSkipReason.NotAMember),
            ],
            batch.Skipped);
    }

    [Fact]
    public async Task Every_queued_user_gets_exactly_one_kit_even_when_every_message_comes_twice()
    {
        await QueueAsync();
        await world.FanOutAsync();
        var messages = world.Queue.TakeVisible();

        foreach (var message in messages.Concat(messages))
        {
            await world.Batches.HandleAsync(message, CancellationToken.None);
        }

        Assert.Single(world.EmailsTo("usr_ann"));
        Assert.Single(world.EmailsTo("usr_bob"));
        Assert.Empty(world.EmailsTo("usr_cid"));
        Assert.Contains("the client portal", world.EmailsTo("usr_bob")[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(WelcomeKitTrigger.Batch, world.Users["usr_ann"].WelcomeKit.SentBy);
    }

    [Fact]
    public async Task A_batch_goes_out_as_fan_out_messages_of_a_hundred_users_each_turned_into_one_message_per_user()
    {
        for (var i = 0; i < 250; i++)
        {
            world.AddPending($"usr_p{i:D3}", Member("org_a", Role.Employee, "unit_1"));
        }

        var batch = (await QueueAsync()).Value;
        await world.FanOutAsync();

        Assert.Equal(252, batch.Queued);
        Assert.Equal([100, 100, 53], world.Queue.FanOutsSent.Select(f => f.Targets.Count));
        Assert.All(world.Queue.FanOutsSent, f => Assert.Equal(batch.RequestId, f.RequestId));
        var requests = world.Queue.TakeVisible();
        Assert.Equal(253, requests.Count);
        Assert.Equal(253, requests.Select(r => r.UserId).Distinct().Count());
        Assert.All(requests, r => Assert.Equal((batch.RequestId, WelcomeKitTrigger.Batch, "org_a"), (r.RequestId, r.Trigger, r.OrganizationId)));
    }

    [Fact]
    public async Task A_fan_out_message_delivered_twice_still_sends_one_kit_per_user()
    {
        await QueueAsync();
        var fanOut = Assert.Single(world.Queue.TakeFanOuts());

        await world.Batches.FanOutAsync(fanOut, CancellationToken.None);
        await world.Batches.FanOutAsync(fanOut, CancellationToken.None);
        await world.DeliverQueuedAsync();

        Assert.Single(world.EmailsTo("usr_ann"));
        Assert.Single(world.EmailsTo("usr_bob"));
        Assert.Single(world.Users.EventsOf("usr_cid"), e => e.Action == AuditAction.WelcomeKitSkipped);
    }

    [Fact]
    public async Task A_skipped_pending_member_has_the_reason_on_record_once()
    {
        await QueueAsync();
        await world.FanOutAsync();
        var messages = world.Queue.TakeVisible();

        foreach (var message in messages.Concat(messages))
        {
            await world.Batches.HandleAsync(message, CancellationToken.None);
        }

        var skipped = Assert.Single(world.Users.EventsOf("usr_cid"), e => e.Action == AuditAction.WelcomeKitSkipped);
        Assert.Equal("no_email", skipped.Reason);
        Assert.Equal("batch", skipped.Details!["trigger"]);
        Assert.Equal("org_a", skipped.Details["organizationId"]);
    }

    [Fact]
    public async Task The_queue_function_checks_the_account_again_and_skips_one_that_changed_since_the_request()
    {
        await QueueAsync(["usr_ann"]);
        world.Users.Add(world.Users["usr_ann"] with { Visible = false });

        var outcomes = await world.DeliverQueuedAsync();

        Assert.Equal([new WelcomeKitOutcome.Skipped(WelcomeKitSkipReason.Invisible)], outcomes);
        Assert.Empty(world.Email.Sent);
        Assert.Equal("invisible", world.Users.EventsOf("usr_ann").Single(e => e.Action == AuditAction.WelcomeKitSkipped).Reason);
    }

    [Fact]
    public async Task A_message_for_an_account_another_sender_holds_comes_back_after_the_claim_and_is_then_answered()
    {
        await QueueAsync(["usr_ann"]);
        var claimUntil = Start.AddMinutes(5);
        world.Claim("usr_ann", "link_schedule", claimUntil);

        var first = await world.DeliverQueuedAsync();
        Assert.Equal([new WelcomeKitOutcome.Busy(claimUntil)], first);
        Assert.Empty(await world.DeliverQueuedAsync());

        // The other sender finishes: its kit, sent after the batch was asked for, answers the batch's request.
        world.Users.Add(world.Users["usr_ann"] with { WelcomeKit = new WelcomeKit { SentAt = Start.AddMinutes(1), LastRequestId = "req_schedule" } });
        world.Time.Advance(TimeSpan.FromMinutes(6));
        var later = await world.DeliverQueuedAsync();

        Assert.Equal([new WelcomeKitOutcome.AlreadyHandled()], later);
        Assert.Empty(world.Email.Sent);
        Assert.Equal(0, world.Queue.Waiting);
    }

    [Fact]
    public async Task A_message_held_by_a_sender_that_died_sends_the_kit_once_the_claim_expires()
    {
        await QueueAsync(["usr_ann"]);
        world.Claim("usr_ann", "link_dead", Start.AddMinutes(5));
        await world.DeliverQueuedAsync();

        world.Time.Advance(TimeSpan.FromMinutes(6));
        var later = await world.DeliverQueuedAsync();

        Assert.IsType<WelcomeKitOutcome.Sent>(Assert.Single(later));
        Assert.Single(world.EmailsTo("usr_ann"));
    }

    [Fact]
    public async Task The_batch_is_on_the_organizations_record()
    {
        var batch = (await QueueAsync(caller: SignedIn(administrator))).Value;

        var recorded = Assert.Single(world.Organizations.EventsOf("org_a"), e => e.Action == AuditAction.WelcomeKitsRequested);
        Assert.Equal(batch.RequestId, recorded.Details!["requestId"]);
        Assert.Equal("2", recorded.Details["queued"]);
        Assert.Equal("1", recorded.Details["skipped"]);
        Assert.Equal(Actor.ForUser("usr_admin"), recorded.Actor);
    }

    [Fact]
    public async Task Only_an_administrator_of_the_organization_or_an_operator_may_ask_for_a_batch()
    {
        var supervisor = world.AddActive("usr_super", Supervisor("org_a", "unit_1"));
        var otherAdministrator = world.AddActive("usr_other", Member("org_b", Role.Administrator));

        Assert.True((await QueueAsync(caller: SignedIn(administrator))).Succeeded);
        Assert.Equal(ErrorCode.Forbidden, (await QueueAsync(caller: SignedIn(supervisor))).Failure!.Code);
        Assert.Equal(ErrorCode.Forbidden, (await QueueAsync(caller: SignedIn(otherAdministrator))).Failure!.Code);
    }

    [Fact]
    public async Task An_unknown_organization_is_not_found_and_one_that_left_the_service_is_invalid_state()
    {
        world.Organizations.Add(Organization("org_gone") with { Status = OrganizationStatus.LeftService, LeftServiceAt = Start });

        Assert.Equal(ErrorCode.NotFound, (await QueueAsync(organizationId: "org_nowhere")).Failure!.Code);
        var left = await QueueAsync(organizationId: "org_gone");
        Assert.Equal(ErrorCode.InvalidState, left.Failure!.Code);
        Assert.Equal("already_left", left.Failure.Details["reason"]);
        Assert.Empty(world.Queue.FanOutsSent);
    }

    // --- following a batch ---

    private async Task<WelcomeKitBatchProgress> ProgressAsync(string requestId, Caller? caller = null, string organizationId = "org_a") =>
        (await world.Batches.ProgressAsync(caller ?? Caller.Operator.Instance, organizationId, requestId, CancellationToken.None)).Value;

    [Fact]
    public async Task A_batch_just_answered_shows_its_queued_count_nobody_sent_and_not_done()
    {
        var batch = (await QueueAsync()).Value;

        var progress = await ProgressAsync(batch.RequestId);

        Assert.Equal(2, progress.Queued);
        Assert.Empty(progress.Sent);
        Assert.False(progress.Done);
    }

    [Fact]
    public async Task Once_fanned_out_the_queued_people_wait_and_the_skipped_one_has_its_reason()
    {
        var batch = (await QueueAsync()).Value;
        await world.FanOutAsync();

        var progress = await ProgressAsync(batch.RequestId);

        Assert.Equal(["usr_ann", "usr_bob"], progress.Pending.Order());
        Assert.Equal([new SkippedMember("usr_cid", WelcomeKitSkipReason.NoEmail)], progress.Skipped);
    }

    [Fact]
    public async Task Once_delivered_every_queued_person_is_sent_at_the_time_on_their_account_and_the_batch_is_done()
    {
        var batch = (await QueueAsync()).Value;
        world.Time.Advance(TimeSpan.FromSeconds(3));
        await world.DeliverQueuedAsync();

        var progress = await ProgressAsync(batch.RequestId);

        Assert.Equal(
            [new SentWelcomeKit("usr_ann", world.Users["usr_ann"].WelcomeKit.SentAt!.Value), new SentWelcomeKit("usr_bob", world.Users["usr_bob"].WelcomeKit.SentAt!.Value)],
            progress.Sent.OrderBy(s => s.UserId));
        Assert.Empty(progress.Pending);
        Assert.True(progress.Done);
    }

    [Fact]
    public async Task Chosen_users_skipped_at_the_request_are_in_the_progress_with_their_reason()
    {
        var batch = (await QueueAsync(["usr_ann", "usr_dan", "usr_eve"])).Value;

        var progress = await ProgressAsync(batch.RequestId);

        Assert.Equal(
            [new SkippedMember("usr_dan", WelcomeKitSkipReason.AlreadyActive), new SkippedMember("usr_eve", WelcomeKitSkipReason.NotAMember)],
            progress.Skipped.OrderBy(s => s.UserId));
    }

    [Fact]
    public async Task A_person_whose_account_changed_before_delivery_is_skipped_with_the_new_reason_and_the_batch_still_ends()
    {
        var batch = (await QueueAsync(["usr_ann"])).Value;
        world.Users.Add(world.Users["usr_ann"] with { Visible = false });
        await world.DeliverQueuedAsync();

        var progress = await ProgressAsync(batch.RequestId);

        Assert.Equal([new SkippedMember("usr_ann", WelcomeKitSkipReason.Invisible)], progress.Skipped);
        Assert.True(progress.Done);
    }

    [Fact]
    public async Task A_person_another_sender_sent_a_kit_to_meanwhile_counts_as_sent_at_that_kits_time()
    {
        var batch = (await QueueAsync(["usr_ann"])).Value;
        world.Claim("usr_ann", "link_schedule", Start.AddMinutes(5));
        await world.DeliverQueuedAsync();
        world.Users.Add(world.Users["usr_ann"] with { WelcomeKit = new WelcomeKit { SentAt = Start.AddMinutes(1), LastRequestId = "req_schedule" } });
        world.Time.Advance(TimeSpan.FromMinutes(6));
        await world.DeliverQueuedAsync();

        var progress = await ProgressAsync(batch.RequestId);

        Assert.Equal([new SentWelcomeKit("usr_ann", Start.AddMinutes(1))], progress.Sent);
        Assert.True(progress.Done);
    }

    [Fact]
    public async Task A_batch_is_not_found_under_another_organization_and_forbidden_to_who_may_not_send_one()
    {
        var batch = (await QueueAsync()).Value;
        var otherAdministrator = world.AddActive("usr_other", Member("org_b", Role.Administrator));

        var underAnother = await world.Batches.ProgressAsync(Caller.Operator.Instance, "org_b", batch.RequestId, CancellationToken.None);
        var byAnother = await world.Batches.ProgressAsync(SignedIn(otherAdministrator), "org_a", batch.RequestId, CancellationToken.None);

        Assert.Equal(ErrorCode.NotFound, underAnother.Failure!.Code);
        Assert.Equal(ErrorCode.Forbidden, byAnother.Failure!.Code);
    }
}
