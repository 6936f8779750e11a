using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// The console (web/console.html) in headless Chromium against the real app and Azurite, as its users work: a supervisor
/// finds a locked employee by part of the name, reads why and reactivates, and reads the trail in French; an administrator
/// sends welcome kits to everyone pending and follows them until sent, with who was skipped; an administrator is refused
/// a change to a client another studio shares, and a change of the policy, next to the button; an administrator looking
/// for another organization's user finds nobody. Every page is checked with axe and saved as a screenshot
/// (artifacts/screenshots/).
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
    public async Task An_administrator_sends_welcome_kits_to_everyone_pending_and_follows_them_until_sent_with_who_was_skipped_for_having_no_email()
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
        // The queue function sends the kit: as long as the mail test gives it, not a click's ten seconds.
        await Expect(page.Locator(".batch-summary")).ToHaveTextAsync("All 1 sent, 1 skipped.", new() { Timeout = 30_000 });
        var sent = page.Locator($"tr[data-user-id='{pending.Id}']");
        await Expect(sent).ToContainTextAsync($"Test {pending.Username} ({pending.Username})");
        await Expect(sent).ToContainTextAsync("sent at");
        await Expect(page.Locator($"tr[data-user-id='{noEmail.Id}']")).ToContainTextAsync("skipped: no email on file");
        await CheckAsync(page, "console-welcome-kits");
        Assert.Single(await app.Mail.WaitForAsync(pending.Email));
    }

    [Fact]
    public async Task An_administrator_giving_a_temporary_password_to_a_client_another_studio_shares_sees_the_refusal_next_to_the_button()
    {
        var (organizationId, _, _) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var client = await api.CreateUserAsync(organizationId, role: "client");
        var otherStudio = await api.CreateOrganizationAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{otherStudio}/members", new { userId = client.Id, role = "client" }, asOperator: true))
            .ShouldBe(HttpStatusCode.Created);
        var page = await SignedInConsoleAsync(administrator.Username);
        await page.GetByLabel("Name, username or email").FillAsync(client.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Test {client.Username} ({client.Username})" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Give a temporary password" }).ClickAsync();

        var refusal = page.Locator(".actions + .inline-error[role=alert]");
        await Expect(refusal).ToContainTextAsync("This person also belongs to another organization");
        await CheckAsync(page, "console-person-refused");
        Assert.Equal(0, await api.CountEventsAsync(client.Id, "temporary_password_issued"));
    }

    [Fact]
    public async Task An_administrator_sees_the_policy_with_its_preset_and_a_change_of_it_refused_under_the_button()
    {
        var organizationId = await api.CreateOrganizationAsync(new { preset = "pci-dss-4", maxFailedAttempts = 15 });
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var page = await SignedInConsoleAsync(administrator.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the organization" }).ClickAsync();

        await Expect(page.GetByText("Preset: PCI DSS 4.0")).ToBeVisibleAsync();
        await Expect(page.Locator(".deviation")).ToContainTextAsync("PCI DSS 8.3.4: locked after at most 10 attempts.");
        await page.GetByText("Change the policy").ClickAsync();
        await page.GetByLabel("Wrong passwords before the account locks").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the policy" }).ClickAsync();

        await Expect(page.Locator(".policy-form .inline-error")).ToContainTextAsync("not allowed");
        var policy = (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true)).Json!["policy"]!;
        Assert.Equal(15, policy["maxFailedAttempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_supervisor_reads_a_locked_employees_trail_in_french()
    {
        var organizationId = await api.CreateOrganizationAsync(new { maxFailedAttempts = 1 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var supervisor = await api.CreateUserAsync(organizationId, role: "manager", unitIds: [unitId], permissions: ["user_management"]);
        var employee = await api.CreateUserAsync(organizationId, unitIds: [unitId]);
        (await api.LoginAsync(employee.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);
        var page = await SignedInConsoleAsync(supervisor.Username);
        await page.GetByLabel("Name, username or email").FillAsync(employee.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Test {employee.Username} ({employee.Username})" }).ClickAsync();
        await Expect(page.Locator(".timeline li[data-action='sign_in_failed'] .event")).ToHaveTextAsync("Sign-in refused");
        await Expect(page.Locator(".timeline li[data-action='sign_in_failed'] .reason")).ToHaveTextAsync("wrong password");
        await Expect(page.Locator(".timeline li[data-action='deactivated'] .reason")).ToHaveTextAsync("too many attempts");

        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        await Expect(page.Locator(".timeline li[data-action='sign_in_failed'] .event")).ToHaveTextAsync("Connexion refusée");
        await Expect(page.GetByText("Ne peut pas se connecter.")).ToBeVisibleAsync();
        await Expect(page.Locator(".blocker .message")).ToContainTextAsync("Désactivé");
        await Expect(page.Locator(".timeline li[data-action='deactivated'] .event")).ToHaveTextAsync("Compte désactivé");
        await Expect(page.Locator(".timeline li[data-action='user_created'] .event")).ToHaveTextAsync("Compte créé");
        await Expect(page.Locator(".timeline li[data-action='sign_in_failed'] .reason")).ToHaveTextAsync("mot de passe erroné");
        await Expect(page.Locator(".timeline li[data-action='deactivated'] .reason")).ToHaveTextAsync("trop de tentatives");
        await Expect(page.Locator(".timeline")).Not.ToContainTextAsync("sign_in_failed");
        await Expect(page.Locator(".timeline")).Not.ToContainTextAsync("too_many_attempts");
        await CheckAsync(page, "console-trail-fr");
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
