using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// The console (web/console.html) in headless Chromium against the real app and Azurite, as its users work: a supervisor
/// finds a locked employee by part of the name, reads why and reactivates; an administrator sends welcome kits to everyone
/// pending and sees who was skipped; an administrator looking for another organization's user finds nobody. Every page is
/// checked with axe and saved as a screenshot (artifacts/screenshots/).
/// </summary>
public sealed class ConsoleTests(ConsoleTests.ConsoleApp app, Chromium chromium)
    : IClassFixture<ConsoleTests.ConsoleApp>, IClassFixture<Chromium>
{
    private Api api => app.Api;

    public sealed class ConsoleApp : IsolatedApp
    {
        // The scheduled welcome kits never run here: the batch of the test is the only sender.
        protected override IReadOnlyDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?> { ["WelcomeKits__Schedule"] = "0 0 0 1 1 *" };
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, screenshot);
    }

    private async Task<IPage> SignedInConsoleAsync(string login)
    {
        var page = await chromium.OpenPageAsync(app.App.BaseAddress, "en-US");
        await page.GotoAsync("/console");
        await Expect(Heading(page, "Sign in to the console")).ToBeVisibleAsync();
        await page.GetByLabel("Username or email").FillAsync(login);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Api.Password);
        await Expect(page.GetByLabel("Application")).ToHaveValueAsync("management");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Heading(page, "Find a person")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_supervisor_finds_a_locked_employee_by_part_of_the_name_reads_why_reactivates_and_the_employee_signs_in()
    {
        var organizationId = await api.CreateOrganizationAsync(new { maxFailedAttempts = 1 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var supervisor = await api.CreateUserAsync(organizationId, role: "manager", unitIds: [unitId], permissions: ["user_management"]);
        var family = Api.Unique("Tremblây");
        var employee = await api.CreateUserAsync(organizationId, unitIds: [unitId], extra: new { displayName = "Éloïse " + family });
        (await api.LoginAsync(employee.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);
        var page = await SignedInConsoleAsync(supervisor.Username);
        await CheckAsync(page, "console-search");

        await page.GetByLabel("Name, username or email").FillAsync(family.Replace("â", "a", StringComparison.Ordinal)[..12].ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Éloïse {family} ({employee.Username})" }).ClickAsync();
        await Expect(page.GetByText("Cannot sign in.")).ToBeVisibleAsync();
        await Expect(page.Locator(".blocker .remedy").First).ToContainTextAsync("reactivate");
        await CheckAsync(page, "console-person-locked");
        await page.Locator(".blocker").GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).First.ClickAsync();

        await Expect(page.GetByText("The account is reactivated.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Can sign in.")).ToBeVisibleAsync();
        await CheckAsync(page, "console-person-reactivated");
        (await api.LoginAsync(employee.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_sends_welcome_kits_to_everyone_pending_and_sees_who_was_skipped_for_having_no_email()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var pending = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        var noEmail = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: new { email = (string?)null });
        var page = await SignedInConsoleAsync(administrator.Username);

        await page.GetByRole(AriaRole.Button, new() { Name = "Open the organization" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members by status" })).ToBeVisibleAsync();
        await CheckAsync(page, "console-organization");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send welcome kits to everyone pending" }).ClickAsync();

        await Expect(page.GetByText("1 welcome kits queued, 1 skipped.")).ToBeVisibleAsync();
        await Expect(page.Locator(".skipped")).ToContainTextAsync($"{noEmail.Id} skipped: no email on file");
        await CheckAsync(page, "console-welcome-kits");
        await app.Mail.WaitForAsync(pending.Email);
    }

    [Fact]
    public async Task An_administrator_looking_for_another_organization_s_user_finds_nobody()
    {
        var (organizationId, _, _) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var (_, _, stranger) = await api.CreateStaffAsync();
        var page = await SignedInConsoleAsync(administrator.Username);

        await page.GetByLabel("Name, username or email").FillAsync(stranger.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Results (0)" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nobody matches.")).ToBeVisibleAsync();
        await CheckAsync(page, "console-other-organization");
    }
}
