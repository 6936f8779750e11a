using System.Net;
using System.Text;
using AccountAccess.Core.Billing;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The billing webhook over HTTP (API.md "Billing webhook"): the signature, replays, unknown organizations, and the
/// suspension that two overdue invoices cause, as members and operators see it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BillingFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task An_event_without_a_signature_is_invalid_signature_and_changes_nothing()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/events")
        {
            Content = new StringContent(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"), Encoding.UTF8, "application/json"),
        };

        var reply = await api.SendAsync(request);

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_signature");
        await ShouldHaveUnpaidInvoicesAsync(organizationId, 0);
    }

    [Fact]
    public async Task An_event_signed_with_another_secret_is_invalid_signature()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var body = Api.BillingEvent("invoice.overdue", organizationId, "inv_1");

        var reply = await api.PostBillingEventAsync(body, BillingSignature.Sign("not-the-secret", DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body)));

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_signature");
        await ShouldHaveUnpaidInvoicesAsync(organizationId, 0);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_invalid_signature()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var signed = Api.BillingEvent("invoice.paid", organizationId, "inv_1", eventId: "evt_tamper");
        var tampered = signed.Replace("invoice.paid", "invoice.overdue", StringComparison.Ordinal);

        var reply = await api.PostBillingEventAsync(tampered, BillingSignature.Sign(RunningApp.BillingSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(signed)));

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_signature");
        await ShouldHaveUnpaidInvoicesAsync(organizationId, 0);
    }

    [Theory]
    [InlineData(-6 * 60, HttpStatusCode.Unauthorized)]
    [InlineData(+6 * 60, HttpStatusCode.Unauthorized)]
    [InlineData(-4 * 60, HttpStatusCode.OK)]
    [InlineData(+4 * 60, HttpStatusCode.OK)]
    public async Task A_signature_is_honoured_within_five_minutes_of_its_time_only(int offsetSeconds, HttpStatusCode expected)
    {
        var organizationId = await api.CreateOrganizationAsync();

        var reply = await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"), signedAt: DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));

        reply.ShouldBe(expected);
        await ShouldHaveUnpaidInvoicesAsync(organizationId, expected == HttpStatusCode.OK ? 1 : 0);
    }

    [Fact]
    public async Task A_replayed_event_id_answers_200_and_has_no_effect()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var body = Api.BillingEvent("invoice.overdue", organizationId, "inv_1", eventId: "evt_" + Guid.NewGuid().ToString("N"));
        (await api.PostBillingEventAsync(body)).ShouldBe(HttpStatusCode.OK);

        var replay = await api.PostBillingEventAsync(body);

        replay.ShouldBe(HttpStatusCode.OK);
        Assert.True(replay.Json!["duplicate"]!.GetValue<bool>());
        Assert.Equal("ignored", replay.Json!["outcome"]!.GetValue<string>());
        await ShouldHaveUnpaidInvoicesAsync(organizationId, 1);
    }

    [Fact]
    public async Task The_same_invoice_overdue_twice_under_two_event_ids_counts_once()
    {
        var organizationId = await api.CreateOrganizationAsync();
        (await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"))).ShouldBe(HttpStatusCode.OK);

        var again = await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"));

        Assert.Equal("ignored", again.Json!["outcome"]!.GetValue<string>());
        await ShouldHaveUnpaidInvoicesAsync(organizationId, 1);
    }

    [Fact]
    public async Task An_event_for_an_unknown_organization_is_not_found_naming_it()
    {
        var reply = await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", "org_doesnotexist0000", "inv_1"));

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("org_doesnotexist0000", reply.Details!["organizationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_overdue_invoice_does_not_suspend_access()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();

        var reply = await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"));

        Assert.Equal("recorded", reply.Json!["outcome"]!.GetValue<string>());
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_overdue_invoices_suspend_every_member_with_reason_billing()
    {
        var (organizationId, unitId, employee) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, "administrator", [unitId]);
        (await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"))).ShouldBe(HttpStatusCode.OK);

        var second = await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_2"));

        Assert.Equal("suspended", second.Json!["outcome"]!.GetValue<string>());
        var refused = await api.LoginAsync(employee.Username);
        refused.ShouldBeError(HttpStatusCode.Forbidden, "organization_suspended");
        Assert.Equal("billing", refused.Details!["reason"]!.GetValue<string>());
        (await api.LoginAsync(administrator.Username, portal: "management")).ShouldBeError(HttpStatusCode.Forbidden, "organization_suspended");
        var organization = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);
        Assert.Equal(2, organization.Json!["billing"]!["unpaidInvoices"]!.GetValue<int>());
        Assert.True(organization.Json!["billing"]!["suspended"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_wrong_password_on_a_suspended_organization_still_says_only_invalid_credentials()
    {
        var (organizationId, _, employee) = await api.CreateStaffAsync();
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"));
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_2"));

        (await api.LoginAsync(employee.Username, "Not-The-Password-1")).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Ten_overdue_invoices_posted_at_once_are_all_counted()
    {
        var organizationId = await api.CreateOrganizationAsync();

        var replies = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, $"inv_{i}"))));

        Assert.All(replies, r => r.ShouldBe(HttpStatusCode.OK));
        await ShouldHaveUnpaidInvoicesAsync(organizationId, 10);
        Assert.Single(replies, r => r.Json!["outcome"]!.GetValue<string>() == "suspended");
    }

    [Fact]
    public async Task A_suspension_shows_since_when_on_the_organization()
    {
        var organizationId = await api.CreateOrganizationAsync();
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"));
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_2"));

        var organization = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);

        Assert.NotNull(organization.Json!["billing"]!["suspendedSince"]);
    }

    private async Task ShouldHaveUnpaidInvoicesAsync(string organizationId, int expected)
    {
        var organization = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);
        organization.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(expected, organization.Json!["billing"]!["unpaidInvoices"]!.GetValue<int>());
        Assert.Equal(expected >= 2, organization.Json!["billing"]!["suspended"]!.GetValue<bool>());
    }
}
