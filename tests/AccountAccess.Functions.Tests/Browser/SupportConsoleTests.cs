using System.Net;
using AccountAccess.Functions.Tests.Features;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using static AccountAccess.Functions.Tests.Infrastructure.Authenticator;
using static Microsoft.Playwright.Assertions;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// The console as a support account uses it (API.md "Support accounts", "Console"), on an app whose
/// <c>Operator:OrganizationId</c> names the support team: signed in with its second factor, it finds a client of two
/// studios by email and sees both memberships; it reads a policy's deviation from its preset, has a change refused next to
/// the field, then accepted. Checked with axe, saved as screenshots.
/// </summary>
public sealed class SupportConsoleTests(SupportAccountTests.SupportTeamApp app, Chromium chromium)
    : IClassFixture<SupportAccountTests.SupportTeamApp>, IClassFixture<Chromium>
{
    private Api api => app.Api;

    private async Task<IPage> SignedInSupportConsoleAsync()
    {
        var person = await api.CreateUserAsync(app.SupportOrganizationId, role: "administrator", permissions: ["support"]);
        var enrolment = await api.LoginAsync(person.Username, portal: "management");
        var (secret, _) = await EnrolTotpAsync(api, enrolment.Json!["enrollmentToken"]!.GetValue<string>());
        var page = await chromium.OpenPageAsync(app.App.BaseAddress, "en-US");
        await page.GotoAsync("/console");
        await page.GetByLabel("Username or email").FillAsync(person.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(NextStepCode(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByText("support: every organization")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_support_account_finds_a_client_of_two_studios_by_email_and_sees_both_memberships()
    {
        var first = await api.CreateOrganizationAsync();
        var second = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(first, role: "client");
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/members", new { userId = client.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        var page = await SignedInSupportConsoleAsync();

        await page.GetByLabel("Name, username or email").FillAsync(client.Email.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator(".people")).ToContainTextAsync(first);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Test {client.Username} ({client.Username})" }).ClickAsync();

        await Expect(page.GetByText($"{first}: Client")).ToBeVisibleAsync();
        await Expect(page.GetByText($"{second}: Client")).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-support-client-of-two-studios");
    }

    [Fact]
    public async Task A_support_account_reads_a_deviation_from_the_preset_has_a_change_refused_next_to_its_field_then_accepted()
    {
        var organizationId = await api.CreateOrganizationAsync(new { preset = "pci-dss-4", maxFailedAttempts = 15 });
        var page = await SignedInSupportConsoleAsync();
        await page.GetByLabel("Organization").FillAsync(organizationId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the organization" }).ClickAsync();
        await Expect(page.GetByText("Preset: PCI DSS 4.0")).ToBeVisibleAsync();
        await Expect(page.Locator(".deviation")).ToContainTextAsync("Wrong passwords before the account locks: 15, where the preset says 10");
        await Expect(page.Locator(".deviation")).ToContainTextAsync("PCI DSS 8.3.4: locked after at most 10 attempts.");
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-policy-deviation");
        await page.GetByText("Change the policy").ClickAsync();
        var field = page.GetByLabel("Wrong passwords before the account locks");

        await field.FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the policy" }).ClickAsync();

        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#policy-maxFailedAttempts + .inline-error")).ToContainTextAsync("must be between 1 and 20");
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-policy-refused");

        await field.FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the policy" }).ClickAsync();

        await Expect(page.GetByText("The policy is saved.")).ToBeVisibleAsync();
        await Expect(page.GetByText("The policy keeps every rule of its preset.")).ToBeVisibleAsync();
        var policy = (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true)).Json!["policy"]!;
        Assert.Equal((10, "pci-dss-4"), (policy["maxFailedAttempts"]!.GetValue<int>(), policy["preset"]!.GetValue<string>()));
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-policy-saved");
    }

    [Fact]
    public async Task A_support_account_releasing_the_email_of_an_active_account_sees_the_refusal_under_the_form()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var page = await SignedInSupportConsoleAsync();
        await page.GetByLabel("Name, username or email").FillAsync(user.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Test {user.Username} ({user.Username})" }).ClickAsync();

        await page.GetByLabel("Email to release").FillAsync(user.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Release the email" }).ClickAsync();

        await Expect(page.Locator("form:has(#releaseEmail) .inline-error[role=alert]")).ToContainTextAsync("This cannot be done in the account's current state.");
        Assert.Equal(0, await api.CountEventsAsync(user.Id, "email_released"));
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-support-release-refused");
    }
}
