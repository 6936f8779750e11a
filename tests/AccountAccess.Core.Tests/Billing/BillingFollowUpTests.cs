using AccountAccess.Core.Billing;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.Workflows;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Billing;

public class BillingFollowUpTests
{
    private static readonly DateTimeOffset DueAt = Start + TimeSpan.FromHours(24);

    private readonly BillingWorld world = new();

    private static Organization WithBilling(BillingState billing) => Organization("org_a") with { Billing = billing };

    private Task EnsureAsync(Organization organization) => world.FollowUp.EnsureAsync(organization, CancellationToken.None);

    private int TimersOf(string workflow) => world.Timers.Sent.Count(t => t.Workflow == workflow);

    [Fact]
    public async Task Ensuring_a_suspension_twice_starts_one_notice()
    {
        var suspended = WithBilling(new BillingState(["inv_1", "inv_2"], Start));

        await EnsureAsync(suspended);
        var first = world.NoticeInstance(Start)!;
        await EnsureAsync(suspended);

        Assert.Equal(1, TimersOf(BillingSuspensionNoticeWorkflow.WorkflowName));
        Assert.Equal(first.StepId, world.NoticeInstance(Start)!.StepId);
    }

    [Fact]
    public async Task Ensuring_a_suspension_after_its_notice_was_sent_does_not_send_it_again()
    {
        var suspended = WithBilling(new BillingState(["inv_1", "inv_2"], Start));
        world.Organizations.Add(suspended with { PrimaryContactEmail = "billing@org-a.example" });
        await EnsureAsync(suspended);
        await world.DeliverDueAsync();

        await EnsureAsync(suspended);
        await world.DeliverDueAsync();

        Assert.Single(world.Email.Sent);
        Assert.Equal(WorkflowStatus.Completed, world.NoticeInstance(Start)!.Status);
    }

    [Fact]
    public async Task Ensuring_a_pending_delay_twice_starts_its_reactivation_once()
    {
        var scheduled = WithBilling(new BillingState(["inv_2"], Start) { ReactivationDueAt = DueAt });

        await EnsureAsync(scheduled);
        await EnsureAsync(scheduled);

        Assert.Equal(1, TimersOf(BillingReactivationWorkflow.WorkflowName));
        Assert.Equal(DueAt, world.ReactivationInstance()!.DueAt);
    }

    [Fact]
    public async Task An_organization_in_good_standing_starts_no_workflow()
    {
        await EnsureAsync(WithBilling(BillingState.InGoodStanding));

        Assert.Empty(world.Timers.Sent);
        Assert.Null(world.ReactivationInstance());
    }

    [Fact]
    public async Task A_new_suspension_gets_its_own_notice()
    {
        var later = Start + TimeSpan.FromDays(40);
        await EnsureAsync(WithBilling(new BillingState(["inv_1", "inv_2"], Start)));

        await EnsureAsync(WithBilling(new BillingState(["inv_3", "inv_4"], later)));

        Assert.NotNull(world.NoticeInstance(Start));
        Assert.NotNull(world.NoticeInstance(later));
    }
}
