using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Billing suspensions end to end in the real app on its own Azurite: the suspension emails, the reactivation delay
/// (shrunk to 4 s) and its cancellation by a new overdue invoice, a process killed during the delay, and the support
/// diagnosis once access is back.
/// </summary>
public sealed class BillingReactivationTests(BillingReactivationTests.BillingApp app) : IClassFixture<BillingReactivationTests.BillingApp>
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(4);

    private Api api => app.Api;

    public sealed class BillingApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Billing__ReactivationDelay"] = "00:00:04",
        };
    }

    [Fact]
    public async Task A_suspension_emails_the_billing_users_in_their_language_and_the_primary_contact_in_both()
    {
        var billing = await OrganizationWithBillingPeopleAsync();

        await SuspendAsync(billing.OrganizationId);

        var administrator = Assert.Single(await app.Mail.WaitForAsync(billing.Administrator.Email));
        Assert.Contains("Access suspended", administrator.Subject, StringComparison.Ordinal);
        var manager = Assert.Single(await app.Mail.WaitForAsync(billing.FrenchBillingManager.Email));
        Assert.Contains("Accès suspendu", manager.Subject, StringComparison.Ordinal);
        var contact = Assert.Single(await app.Mail.WaitForAsync(billing.PrimaryContact));
        Assert.Contains("est suspendu", contact.TextBody, StringComparison.Ordinal);
        Assert.Contains("Access for", contact.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.Mail.SentTo(billing.Employee.Email));
    }

    [Fact]
    public async Task Paying_below_two_overdue_invoices_restores_access_after_the_delay_and_emails_again()
    {
        var billing = await OrganizationWithBillingPeopleAsync();
        await SuspendAsync(billing.OrganizationId);
        await app.Mail.WaitForAsync(billing.Administrator.Email);

        var paid = await api.PostBillingEventAsync(Api.BillingEvent("invoice.paid", billing.OrganizationId, "inv_1"));

        Assert.Equal("reactivation_scheduled", paid.Json!["outcome"]!.GetValue<string>());
        Assert.NotNull(paid.Json!["billing"]!["reactivationDueAt"]);
        (await api.LoginAsync(billing.Employee.Username)).ShouldBeError(HttpStatusCode.Forbidden, "organization_suspended");
        await WaitUntilSignInWorksAsync(billing.Employee);
        var restored = await app.Mail.WaitForAsync(billing.Administrator.Email, count: 2);
        Assert.Contains("Access restored", restored[1].Subject, StringComparison.Ordinal);
        var organization = await OrganizationAsync(billing.OrganizationId);
        Assert.False(organization["billing"]!["suspended"]!.GetValue<bool>());
        Assert.Equal(1, organization["billing"]!["unpaidInvoices"]!.GetValue<int>());
    }

    [Fact]
    public async Task Once_access_is_back_the_diagnosis_finds_nothing_in_the_way()
    {
        var billing = await OrganizationWithBillingPeopleAsync();
        await SuspendAsync(billing.OrganizationId);
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.paid", billing.OrganizationId, "inv_1"));
        await Eventually.TrueAsync(async () => !(await OrganizationAsync(billing.OrganizationId))["billing"]!["suspended"]!.GetValue<bool>(), TimeSpan.FromSeconds(30));

        var diagnosis = await api.DiagnoseAsync(billing.Employee.Id);

        Assert.True(diagnosis["canSignIn"]!.GetValue<bool>());
        Assert.Empty(diagnosis["blockers"]!.AsArray());
    }

    [Fact]
    public async Task A_new_overdue_invoice_during_the_delay_cancels_the_reactivation()
    {
        var billing = await OrganizationWithBillingPeopleAsync();
        await SuspendAsync(billing.OrganizationId);
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.paid", billing.OrganizationId, "inv_1"));

        var overdue = await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", billing.OrganizationId, "inv_3"));

        Assert.Equal("reactivation_cancelled", overdue.Json!["outcome"]!.GetValue<string>());
        // The cancelled delay's orchestration ends: no timer of it is left to restore anything.
        await Eventually.TrueAsync(async () =>
            (await api.SendAsync(HttpMethod.Get, $"/api/workflows/BillingReactivation/{billing.OrganizationId}", asOperator: true)).Json?["status"]?.GetValue<string>() == "completed");
        (await api.LoginAsync(billing.Employee.Username)).ShouldBeError(HttpStatusCode.Forbidden, "organization_suspended");
        Assert.True((await OrganizationAsync(billing.OrganizationId))["billing"]!["suspended"]!.GetValue<bool>());
        var instance = (await api.SendAsync(HttpMethod.Get, $"/api/workflows/BillingReactivation/{billing.OrganizationId}", asOperator: true)).Json!;
        Assert.Equal("cancelled", instance["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Access_returns_once_when_the_process_dies_during_the_delay()
    {
        var billing = await OrganizationWithBillingPeopleAsync();
        await SuspendAsync(billing.OrganizationId);
        await app.Mail.WaitForAsync(billing.Administrator.Email);
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.paid", billing.OrganizationId, "inv_1"));
        app.App.Kill();

        // While the app is dead nothing can be observed: only the delay can pass.
        await Task.Delay(Delay + TimeSpan.FromSeconds(1));
        await app.RestartAsync();

        await WaitUntilSignInWorksAsync(billing.Employee);
        await app.Mail.WaitForAsync(billing.Administrator.Email, count: 2);
        // A second restoration would be an activity the engine runs again: none is left once the work items are done.
        await Eventually.TrueAsync(async () =>
            (await api.SendAsync(HttpMethod.Get, $"/api/workflows/BillingReactivation/{billing.OrganizationId}", asOperator: true)).Json?["status"]?.GetValue<string>() == "completed");
        await app.QueuesEmptyAsync(IsolatedApp.DurableWorkItems);
        Assert.Equal(2, app.Mail.SentTo(billing.Administrator.Email).Count);
    }

    private async Task<BillingPeople> OrganizationWithBillingPeopleAsync()
    {
        var primaryContact = Api.Unique("contact") + "@example.com";
        var organizationId = await api.CreateOrganizationAsync(policy: new { passwordMaxAgeDays = 0 }, primaryContactEmail: primaryContact);
        var unitId = await api.CreateUnitAsync(organizationId);
        var administrator = await api.CreateUserAsync(organizationId, "administrator", [unitId]);
        var manager = await api.CreateUserAsync(organizationId, "manager", [unitId], permissions: ["billing"], extra: new { locale = "fr" });
        var employee = await api.CreateUserAsync(organizationId, "employee", [unitId]);
        return new BillingPeople(organizationId, primaryContact, administrator, manager, employee);
    }

    private async Task SuspendAsync(string organizationId)
    {
        (await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"))).ShouldBe(HttpStatusCode.OK);
        var second = await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_2"));
        Assert.Equal("suspended", second.Json!["outcome"]!.GetValue<string>());
    }

    private async Task WaitUntilSignInWorksAsync(TestUser user) =>
        await Eventually.TrueAsync(async () => (await api.LoginAsync(user.Username)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

    private async Task<JsonNode> OrganizationAsync(string organizationId) =>
        (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true)).ShouldBe(HttpStatusCode.OK).Json!;

    private sealed record BillingPeople(string OrganizationId, string PrimaryContact, TestUser Administrator, TestUser FrenchBillingManager, TestUser Employee);
}
