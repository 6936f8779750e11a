using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Billing;

public class BillingSuspensionNoticeTests
{
    private const string Contact = "billing@org-a.example";

    private readonly BillingWorld world = new();

    public BillingSuspensionNoticeTests()
    {
        world.Organizations.Add(Organization("org_a") with { PrimaryContactEmail = Contact });
    }

    private static Membership WithBilling(string organizationId) =>
        new(organizationId, Role.Employee, ["unit_1"], [Permission.Billing], Start);

    private async Task SuspendAndNotifyAsync()
    {
        await world.OverdueAsync("inv_1");
        await world.OverdueAsync("inv_2");
        await world.DeliverDueAsync();
    }

    private IReadOnlyList<string> Recipients => [.. world.Email.Sent.Select(m => m.To)];

    private EmailMessage SentTo(string address) => Assert.Single(world.Email.Sent, m => m.To == address);

    [Fact]
    public async Task Administrators_members_with_the_billing_permission_and_the_primary_contact_are_emailed()
    {
        world.AddUser(User("usr_admin", Member("org_a", Role.Administrator)));
        world.AddUser(User("usr_billing", WithBilling("org_a")));

        await SuspendAndNotifyAsync();

        Assert.Equal(["billing@org-a.example", "usr_admin@example.com", "usr_billing@example.com"], Recipients.Order());
    }

    [Fact]
    public async Task An_english_billing_user_is_told_in_english_what_happened_and_what_to_do()
    {
        world.AddUser(User("usr_admin", Member("org_a", Role.Administrator)));

        await SuspendAndNotifyAsync();

        var email = SentTo("usr_admin@example.com");
        Assert.Equal("Access suspended: unpaid invoices (Organization org_a)", email.Subject);
        Assert.StartsWith("Hello User usr_admin,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("2 invoices are overdue", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("access returns 24 hours after fewer than two remain unpaid", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_billing_user_is_told_in_french()
    {
        world.AddUser(User("usr_marie", WithBilling("org_a")) with { Locale = Locale.Fr });

        await SuspendAndNotifyAsync();

        var email = SentTo("usr_marie@example.com");
        Assert.Equal("Accès suspendu : factures impayées (Organization org_a)", email.Subject);
        Assert.StartsWith("Bonjour User usr_marie,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("l'accès revient 24 h après", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_primary_contact_gets_one_email_in_both_languages()
    {
        await SuspendAndNotifyAsync();

        var email = SentTo(Contact);
        Assert.Equal("Accès suspendu : factures impayées (Organization org_a) / Access suspended: unpaid invoices (Organization org_a)", email.Subject);
        Assert.Contains("2 factures sont en retard de paiement", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("2 invoices are overdue", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_primary_contact_who_is_also_a_billing_user_gets_only_the_users_email()
    {
        world.Organizations.Add(Organization("org_a") with { PrimaryContactEmail = "USR_ADMIN@example.com" });
        world.AddUser(User("usr_admin", Member("org_a", Role.Administrator)));

        await SuspendAndNotifyAsync();

        var email = Assert.Single(world.Email.Sent);
        Assert.Equal("Access suspended: unpaid invoices (Organization org_a)", email.Subject);
    }

    [Fact]
    public async Task Employees_and_managers_without_the_billing_permission_are_not_emailed()
    {
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")));
        world.AddUser(User("usr_sup", Supervisor("org_a", "unit_1")));

        await SuspendAndNotifyAsync();

        Assert.Equal([Contact], Recipients);
    }

    [Fact]
    public async Task Deactivated_members_are_not_emailed()
    {
        var deactivation = new Deactivation(DeactivationReason.Manual, Start - TimeSpan.FromDays(1), null, Actor.Operator);
        world.AddUser(User("usr_gone", Member("org_a", Role.Administrator)) with { Deactivation = deactivation });

        await SuspendAndNotifyAsync();

        Assert.Equal([Contact], Recipients);
    }

    // The member index says Deactivated while a timed lock is on record, even once it has ended: the account decides.
    [Fact]
    public async Task An_administrator_whose_timed_lock_has_ended_is_emailed_before_the_sweep_clears_it()
    {
        // The lock ran out a minute ago; the sweep that clears it from the account has not run yet.
        var endedLock = new Deactivation(DeactivationReason.TooManyAttempts, Start - TimeSpan.FromMinutes(31), Start - TimeSpan.FromMinutes(1), Actor.System);
        world.AddUser(User("usr_admin", Member("org_a", Role.Administrator)) with { Deactivation = endedLock });

        await SuspendAndNotifyAsync();

        Assert.Contains("usr_admin@example.com", Recipients);
    }

    [Fact]
    public async Task Members_who_have_departed_are_not_emailed()
    {
        world.AddUser(User("usr_left", Member("org_a", Role.Administrator)) with { DepartureDate = new DateOnly(2026, 3, 9) });

        await SuspendAndNotifyAsync();

        Assert.Equal([Contact], Recipients);
    }

    [Fact]
    public async Task Members_whose_access_was_revoked_are_not_emailed()
    {
        world.AddUser(User("usr_revoked", Member("org_a", Role.Administrator) with { AccessRevokedAt = Start - TimeSpan.FromDays(1) }));

        await SuspendAndNotifyAsync();

        Assert.Equal([Contact], Recipients);
    }

    [Fact]
    public async Task Administrators_of_another_organization_are_not_emailed()
    {
        world.AddUser(User("usr_other", Member("org_b", Role.Administrator)));

        await SuspendAndNotifyAsync();

        Assert.Equal([Contact], Recipients);
    }

    [Fact]
    public async Task The_notice_is_recorded_on_the_organization_with_its_recipient_count()
    {
        world.AddUser(User("usr_admin", Member("org_a", Role.Administrator)));

        await SuspendAndNotifyAsync();

        var sent = Assert.Single(world.EventsOf(AuditAction.BillingNoticeSent));
        Assert.Equal("suspended", sent.Reason);
        Assert.Equal(Actor.System, sent.Actor);
        Assert.Equal("2", sent.Details!["recipients"]);
        Assert.Equal("sent", world.Workflows.NoticeOutcome("org_a", Start));
    }

    [Fact]
    public async Task Without_anyone_to_tell_the_notice_completes_as_no_recipient()
    {
        world.Organizations.Add(Organization("org_a"));

        await SuspendAndNotifyAsync();

        Assert.Empty(world.Email.Sent);
        Assert.Equal("no_recipient", world.Workflows.NoticeOutcome("org_a", Start));
    }

    [Fact]
    public async Task A_notice_delivered_after_access_came_back_sends_nothing()
    {
        // The notice's activity runs late (the process was down) after the reactivation delay already ran.
        await world.OverdueAsync("inv_1");
        await world.OverdueAsync("inv_2");
        await world.PaidAsync("inv_1");
        world.Time.Advance(TimeSpan.FromHours(24));
        await world.Reactivation.RestoreAsync("org_a", world.ReactivationInstance()!.DueAt, CancellationToken.None);

        await world.DeliverDueAsync();

        Assert.DoesNotContain(world.Email.Sent, m => m.Subject.Contains("suspend", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("no_longer_suspended", world.Workflows.NoticeOutcome("org_a", Start));
    }

    [Fact]
    public async Task The_notice_run_again_after_it_went_out_sends_nothing_more()
    {
        // The engine delivers at least once: a process that died after the step but before its completion was saved.
        await SuspendAndNotifyAsync();
        var sent = world.Email.Sent.Count;

        var again = await world.SuspensionNotice.SendAsync("org_a", Start, CancellationToken.None);

        Assert.Equal("sent", again);
        Assert.True(sent > 0);
        Assert.Equal(sent, world.Email.Sent.Count);
        Assert.Equal(Start, world.Organizations["org_a"].Billing.SuspensionNoticeFor);
    }
}
