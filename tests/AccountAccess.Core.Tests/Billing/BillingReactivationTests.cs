using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Billing;

/// <summary>
/// The end of a reactivation delay (Core's <see cref="BillingReactivation"/>, the orchestration's activity), with the
/// delay itself played in memory: restored on time, cancelled by a new overdue invoice, replaced by a newer delay, and
/// run again after a crash.
/// </summary>
public class BillingReactivationTests
{
    private const string Contact = "billing@org-a.example";

    private static readonly TimeSpan Delay = TimeSpan.FromHours(24);

    /// <summary>When the payment of <see cref="SuspendThenPayAsync"/> brings the organization below two overdue invoices.</summary>
    private static readonly DateTimeOffset PaidAt = Start + TimeSpan.FromHours(1);

    private static readonly DateTimeOffset DueAt = PaidAt + Delay;

    private readonly BillingWorld world = new();

    public BillingReactivationTests()
    {
        world.Organizations.Add(Organization("org_a") with { PrimaryContactEmail = Contact });
        world.AddUser(User("usr_admin", Member("org_a", Role.Administrator)));
    }

    /// <summary>Suspended at <see cref="TestData.Start"/> (its notice sent), then inv_1 paid at <see cref="PaidAt"/>.</summary>
    private async Task SuspendThenPayAsync()
    {
        await world.OverdueAsync("inv_1");
        await world.OverdueAsync("inv_2");
        await world.DeliverDueAsync();
        world.Time.Advance(PaidAt - Start);
        await world.PaidAsync("inv_1");
    }

    private IEnumerable<EmailMessage> RestoredEmails =>
        world.Email.Sent.Where(m => m.Subject.Contains("Access restored", StringComparison.Ordinal));

    [Fact]
    public async Task Access_is_restored_when_the_delay_ends()
    {
        await SuspendThenPayAsync();

        await world.AdvanceAsync(DueAt - PaidAt);

        var organization = world.Organizations["org_a"];
        Assert.Null(organization.Suspension);
        Assert.Null(organization.Billing.SuspendedSince);
        Assert.Null(organization.Billing.ReactivationDueAt);
        Assert.Equal(DueAt, organization.Billing.RestoredAt);
    }

    [Fact]
    public async Task Access_is_not_restored_a_second_before_the_delay_ends()
    {
        await SuspendThenPayAsync();

        await world.AdvanceAsync(DueAt - PaidAt - TimeSpan.FromSeconds(1));

        Assert.Equal(Start, world.Organizations["org_a"].Billing.SuspendedSince);
        Assert.Empty(world.EventsOf(AuditAction.OrganizationRestored));
    }

    [Fact]
    public async Task The_restoration_is_recorded_by_the_system_with_its_due_time_and_the_delay_ends_as_restored()
    {
        await SuspendThenPayAsync();

        await world.AdvanceAsync(DueAt - PaidAt);

        var restored = Assert.Single(world.EventsOf(AuditAction.OrganizationRestored));
        Assert.Equal("billing", restored.Reason);
        Assert.Equal(Actor.System, restored.Actor);
        Assert.Equal(DueAt.ToString("O", CultureInfo.InvariantCulture), restored.Details!["dueAt"]);
        var reactivation = world.ReactivationInstance()!;
        Assert.False(reactivation.Running);
        Assert.Equal("restored", reactivation.Outcome);
    }

    [Fact]
    public async Task The_billing_users_and_the_primary_contact_are_emailed_that_access_is_restored()
    {
        await SuspendThenPayAsync();

        await world.AdvanceAsync(DueAt - PaidAt);

        Assert.Equal("Access restored (Organization org_a)", Assert.Single(RestoredEmails, m => m.To == "usr_admin@example.com").Subject);
        Assert.Equal("Accès rétabli (Organization org_a) / Access restored (Organization org_a)", Assert.Single(RestoredEmails, m => m.To == Contact).Subject);
        Assert.Equal(2, RestoredEmails.Count());
        Assert.Equal("restored", world.EventsOf(AuditAction.BillingNoticeSent).First().Reason);
    }

    [Fact]
    public async Task A_cancelled_delay_restores_nothing_when_it_would_have_ended()
    {
        await SuspendThenPayAsync();
        await world.OverdueAsync("inv_3");

        var ran = await world.AdvanceAsync(DueAt - PaidAt);

        Assert.Equal(0, ran);
        Assert.Equal("cancelled", world.ReactivationInstance()!.Outcome);
        Assert.Equal(Start, world.Organizations["org_a"].Billing.SuspendedSince);
        Assert.Empty(world.EventsOf(AuditAction.OrganizationRestored));
        Assert.Empty(RestoredEmails);
    }

    [Fact]
    public async Task The_activity_of_a_cancelled_delay_that_runs_all_the_same_restores_nothing()
    {
        await SuspendThenPayAsync();
        await world.OverdueAsync("inv_3");
        world.Time.Advance(DueAt - PaidAt);

        var outcome = await world.Reactivation.RestoreAsync("org_a", DueAt, CancellationToken.None);

        Assert.Equal("cancelled", outcome);
        Assert.Equal(Start, world.Organizations["org_a"].Billing.SuspendedSince);
        Assert.Empty(RestoredEmails);
    }

    [Fact]
    public async Task A_newer_delay_restores_access_at_its_own_end_only()
    {
        await SuspendThenPayAsync();
        await world.OverdueAsync("inv_3");
        world.Time.Advance(TimeSpan.FromHours(2));
        await world.PaidAsync("inv_3");
        var newDueAt = PaidAt + TimeSpan.FromHours(2) + Delay;

        await world.AdvanceAsync(DueAt - world.Time.GetUtcNow());
        var suspendedAtFirstDue = world.Organizations["org_a"].Billing.Suspended;
        await world.AdvanceAsync(newDueAt - world.Time.GetUtcNow());

        Assert.True(suspendedAtFirstDue);
        Assert.Equal(newDueAt, world.Organizations["org_a"].Billing.RestoredAt);
        Assert.Single(world.EventsOf(AuditAction.OrganizationRestored));
    }

    [Fact]
    public async Task A_run_again_after_restoring_but_before_emailing_emails_without_restoring_twice()
    {
        await SuspendThenPayAsync();
        world.Email.FailNext();
        await Assert.ThrowsAsync<IOException>(() => world.AdvanceAsync(DueAt - PaidAt));
        Assert.Empty(RestoredEmails);

        var ran = await world.DeliverDueAsync();

        Assert.Equal(1, ran);
        Assert.Equal(2, RestoredEmails.Count());
        Assert.Single(world.EventsOf(AuditAction.OrganizationRestored));
        Assert.Equal("restored", world.ReactivationInstance()!.Outcome);
    }

    // After the activity restored access and died before emailing, the instance is still running while the organization
    // has no pending delay: the follow-up of a billing event must not take it for a delay to cancel.
    [Fact]
    public async Task A_billing_event_between_the_crash_and_the_run_again_does_not_lose_the_restored_email()
    {
        await SuspendThenPayAsync();
        world.Email.FailNext();
        await Assert.ThrowsAsync<IOException>(() => world.AdvanceAsync(DueAt - PaidAt));
        await world.PaidAsync("inv_2");

        await world.DeliverDueAsync();

        Assert.True(world.Workflows.ReactivationsScheduled.Count == 1);
        Assert.Equal(2, RestoredEmails.Count());
    }

    [Fact]
    public async Task The_activity_run_again_after_it_emailed_neither_restores_nor_emails_twice()
    {
        // The engine delivers at least once: a process that died after the step but before its completion was saved.
        await SuspendThenPayAsync();
        world.Time.Advance(DueAt - PaidAt);
        await world.Reactivation.RestoreAsync("org_a", DueAt, CancellationToken.None);

        var again = await world.Reactivation.RestoreAsync("org_a", DueAt, CancellationToken.None);

        Assert.Equal("restored", again);
        Assert.Equal(2, RestoredEmails.Count());
        Assert.Single(world.EventsOf(AuditAction.OrganizationRestored));
        Assert.Equal(world.Organizations["org_a"].Billing.RestoredAt, world.Organizations["org_a"].Billing.RestorationNoticeFor);
    }
}
