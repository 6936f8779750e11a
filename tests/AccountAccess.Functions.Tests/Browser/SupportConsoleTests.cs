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
/// studios by email and sees both memberships. Checked with axe, saved as a screenshot.
/// </summary>
public sealed class SupportConsoleTests(SupportAccountTests.SupportTeamApp app, Chromium chromium)
    : IClassFixture<SupportAccountTests.SupportTeamApp>, IClassFixture<Chromium>
{
    private Api api => app.Api;

    [Fact]
    public async Task A_support_account_finds_a_client_of_two_studios_by_email_and_sees_both_memberships()
    {
        var person = await api.CreateUserAsync(app.SupportOrganizationId, role: "administrator", permissions: ["support"]);
        var enrolment = await api.LoginAsync(person.Username, portal: "management");
        var (secret, _) = await EnrolTotpAsync(api, enrolment.Json!["enrollmentToken"]!.GetValue<string>());
        var first = await api.CreateOrganizationAsync();
        var second = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(first, role: "client");
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{second}/members", new { userId = client.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        var page = await chromium.OpenPageAsync(app.App.BaseAddress, "en-US");
        await page.GotoAsync("/console");
        await page.GetByLabel("Username or email").FillAsync(person.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(NextStepCode(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByText("support: every organization")).ToBeVisibleAsync();

        await page.GetByLabel("Name, username or email").FillAsync(client.Email.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator(".people")).ToContainTextAsync(first);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Test {client.Username} ({client.Username})" }).ClickAsync();

        await Expect(page.GetByText($"{first}: Client")).ToBeVisibleAsync();
        await Expect(page.GetByText($"{second}: Client")).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-support-client-of-two-studios");
    }
}
