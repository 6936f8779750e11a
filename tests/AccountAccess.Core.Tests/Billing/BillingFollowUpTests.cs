using AccountAccess.Core.Billing;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Billing;

public class BillingFollowUpTests
{
    private static readonly DateTimeOffset DueAt = Start + TimeSpan.FromHours(24);

    private readonly BillingWorld world = new();

    private static Organization WithBilling(BillingState billing) => Organization("org_a") with { Billing = billing };

    private Task EnsureAsync(Organization organization) => world.FollowUp.EnsureAsync(organization, CancellationToken.None);

    [Fact]
    public async Task Ensuring_a_suspension_twice_starts_one_notice()
    {
        var suspended = WithBilling(new BillingState(["inv_1", "inv_2"], Start));

        await EnsureAsync(suspended);
        await EnsureAsync(suspended);

        Assert.Equal([("org_a", Start)], world.Workflows.NoticesStarted);
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
        Assert.Equal("sent", world.Workflows.NoticeOutcome("org_a", Start));
    }

    [Fact]
    public async Task Ensuring_a_pending_delay_twice_starts_its_reactivation_once()
    {
        var scheduled = WithBilling(new BillingState(["inv_2"], Start) { ReactivationDueAt = DueAt });

        await EnsureAsync(scheduled);
        await EnsureAsync(scheduled);

        Assert.Equal([("org_a", DueAt)], world.Workflows.ReactivationsScheduled);
        Assert.Equal(DueAt, world.ReactivationInstance()!.DueAt);
    }

    [Fact]
    public async Task An_organization_in_good_standing_starts_no_workflow()
    {
        await EnsureAsync(WithBilling(BillingState.InGoodStanding));

        Assert.Empty(world.Workflows.NoticesStarted);
        Assert.Null(world.ReactivationInstance());
    }

    [Fact]
    public async Task A_delay_that_ended_is_scheduled_again_only_for_a_new_end()
    {
        var scheduled = WithBilling(new BillingState(["inv_2"], Start) { ReactivationDueAt = DueAt });
        await EnsureAsync(scheduled);
        var later = DueAt + TimeSpan.FromHours(3);

        await EnsureAsync(WithBilling(new BillingState(["inv_2"], Start) { ReactivationDueAt = later }));

        Assert.Equal([("org_a", DueAt), ("org_a", later)], world.Workflows.ReactivationsScheduled);
        Assert.Equal(later, world.ReactivationInstance()!.DueAt);
    }

    [Fact]
    public async Task No_pending_delay_while_suspended_cancels_the_running_one()
    {
        await EnsureAsync(WithBilling(new BillingState(["inv_2"], Start) { ReactivationDueAt = DueAt }));

        await EnsureAsync(WithBilling(new BillingState(["inv_2", "inv_3"], Start)));

        Assert.Equal(new ReactivationInstance(DueAt, Running: false, Outcome: "cancelled"), world.ReactivationInstance());
    }

    [Fact]
    public async Task A_new_suspension_gets_its_own_notice()
    {
        var later = Start + TimeSpan.FromDays(40);
        await EnsureAsync(WithBilling(new BillingState(["inv_1", "inv_2"], Start)));

        await EnsureAsync(WithBilling(new BillingState(["inv_3", "inv_4"], later)));

        Assert.Equal([("org_a", Start), ("org_a", later)], world.Workflows.NoticesStarted);
    }
}
