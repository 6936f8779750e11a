using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.Workflows;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords.ResetLinks;

public class ResetLinkWorkflowTests
{
    private const string NewPassword = "amber-lighthouse-77";

    private readonly PasswordLifecycle world = new();

    public ResetLinkWorkflowTests()
    {
        world.Organizations.Add(Organization("org_a", Core.Organizations.OrganizationPolicy.Default with { PasswordMaxAgeDays = 0 }));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), "violet-harbour-42");
    }

    private Task ForgotAsync() => world.Reset.ForgotAsync("usr_jean", FromIp, CancellationToken.None);

    private IEnumerable<AuditEvent> Expiries => world.Users.EventsOf("usr_jean").Where(e => e.Action == AuditAction.ResetLinkExpired);

    [Fact]
    public async Task Issuing_a_link_starts_one_instance_per_user_due_when_the_link_expires()
    {
        await ForgotAsync();

        var instance = world.ResetLinkInstance("usr_jean")!;
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Equal("expire", instance.Step);
        Assert.Equal(Start + TimeSpan.FromHours(24), instance.DueAt);
        Assert.Equal(world.Users["usr_jean"].ResetLinks.Single().ExpiresAt, instance.DueAt);
    }

    [Fact]
    public async Task An_unused_link_expires_with_an_audit_event_and_outcome_expired_unused()
    {
        await ForgotAsync();
        var link = world.Users["usr_jean"].ResetLinks.Single();

        var outcomes = await world.AdvanceAsync(TimeSpan.FromHours(24));

        Assert.Equal([TimerOutcome.Ran], outcomes);
        var instance = world.ResetLinkInstance("usr_jean")!;
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal("expired_unused", instance.Outcome);
        var expired = Assert.Single(Expiries);
        Assert.Equal(Actor.System, expired.Actor);
        Assert.Equal("expired_unused", expired.Reason);
        Assert.Equal(link.LinkId, expired.Details!["linkId"]);
        Assert.Equal("reset", expired.Details["purpose"]);
    }

    [Fact]
    public async Task A_used_link_completes_at_once_with_outcome_used_and_never_expires()
    {
        await ForgotAsync();

        await world.Reset.ResetAsync(world.LastTokenSentTo("usr_jean@example.com"), NewPassword, FromIp, CancellationToken.None);

        Assert.Equal(WorkflowStatus.Completed, world.ResetLinkInstance("usr_jean")!.Status);
        Assert.Equal("used", world.ResetLinkInstance("usr_jean")!.Outcome);
        Assert.Equal([TimerOutcome.Dropped], await world.AdvanceAsync(TimeSpan.FromHours(25)));
        Assert.Empty(Expiries);
    }

    [Fact]
    public async Task A_new_link_drops_the_old_links_timer_and_only_the_new_one_expires()
    {
        await ForgotAsync();
        world.Time.Advance(TimeSpan.FromHours(1));
        await ForgotAsync();
        var latest = world.Users["usr_jean"].ResetLinks.Last();

        var atFirstExpiry = await world.AdvanceAsync(TimeSpan.FromHours(23));
        var atSecondExpiry = await world.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal([TimerOutcome.Dropped], atFirstExpiry);
        Assert.Equal([TimerOutcome.Ran], atSecondExpiry);
        var expired = Assert.Single(Expiries);
        Assert.Equal(latest.LinkId, expired.Details!["linkId"]);
    }

    [Fact]
    public async Task A_duplicate_delivery_of_the_expiry_records_it_once()
    {
        await ForgotAsync();
        var instance = world.ResetLinkInstance("usr_jean")!;
        var timer = new DurableTimer(ResetLinkWorkflow.WorkflowName, "usr_jean", instance.StepId, instance.DueAt!.Value);
        world.Time.Advance(TimeSpan.FromHours(24));

        var first = await world.Runtime.HandleTimerAsync(timer, 1, CancellationToken.None);
        var second = await world.Runtime.HandleTimerAsync(timer, 1, CancellationToken.None);

        Assert.Equal([TimerOutcome.Ran, TimerOutcome.Dropped], [first, second]);
        Assert.Single(Expiries);
    }

    [Fact]
    public async Task A_due_step_for_a_link_that_was_superseded_records_no_expiry()
    {
        var workflow = new ResetLinkWorkflow(world.Updater);
        await ForgotAsync();
        var first = world.Users["usr_jean"].ResetLinks.Single();
        await ForgotAsync();

        var next = await workflow.OnDueAsync(new WorkflowContext("usr_jean", "expire", ResetLinkWorkflow.Input(first), Start + TimeSpan.FromHours(24)), CancellationToken.None);

        Assert.Equal("superseded", Assert.IsType<WorkflowNext.Complete>(next).Outcome);
        Assert.Empty(Expiries);
    }

    [Fact]
    public async Task A_due_step_for_a_used_link_records_no_expiry()
    {
        var workflow = new ResetLinkWorkflow(world.Updater);
        await ForgotAsync();
        var link = world.Users["usr_jean"].ResetLinks.Single();
        await world.Reset.ResetAsync(world.LastTokenSentTo("usr_jean@example.com"), NewPassword, FromIp, CancellationToken.None);

        var next = await workflow.OnDueAsync(new WorkflowContext("usr_jean", "expire", ResetLinkWorkflow.Input(link), Start + TimeSpan.FromHours(24)), CancellationToken.None);

        Assert.Equal("used", Assert.IsType<WorkflowNext.Complete>(next).Outcome);
        Assert.Empty(Expiries);
    }

    [Fact]
    public async Task Another_event_than_used_keeps_waiting_for_the_expiry()
    {
        await ForgotAsync();

        await world.Runtime.RaiseEventAsync(ResetLinkWorkflow.WorkflowName, "usr_jean", "opened", CancellationToken.None);

        var instance = world.ResetLinkInstance("usr_jean")!;
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Equal(Start + TimeSpan.FromHours(24), instance.DueAt);
        Assert.Contains(TimerOutcome.Ran, await world.AdvanceAsync(TimeSpan.FromHours(24)));
        Assert.Single(Expiries);
    }

    [Fact]
    public async Task The_activation_purpose_is_recorded_on_expiry()
    {
        world.AddUser(User("usr_new", Member("org_a", Role.Employee, "unit_1")), password: null);
        await world.Reset.IssueAsync("usr_new", ResetLinkPurpose.Activation, RequestContext.System, CancellationToken.None);

        await world.AdvanceAsync(TimeSpan.FromHours(24));

        var expired = world.Users.EventsOf("usr_new").Single(e => e.Action == AuditAction.ResetLinkExpired);
        Assert.Equal("activation", expired.Details!["purpose"]);
    }
}
