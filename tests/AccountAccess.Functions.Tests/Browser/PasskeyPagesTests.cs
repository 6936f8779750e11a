using System.Net;
using System.Text.Json;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// Passkeys in the pages, in Chromium with its virtual authenticator (the DevTools Protocol's <c>WebAuthn</c> domain, through
/// Playwright's CDP session) standing for the person's device: a passkey added on <c>/account</c>, then a sign-in with it
/// alone on <c>/sign-in</c>, and as the second factor; renamed and removed; in English and French, checked with axe. The
/// pages are on <c>http://localhost:{port}</c>: WebAuthn needs a secure context and a domain for relying party id, and
/// localhost is both.
/// </summary>
public sealed class PasskeyPagesTests(PasskeyPagesTests.PasskeyApp app, Chromium chromium)
    : IClassFixture<PasskeyPagesTests.PasskeyApp>, IClassFixture<Chromium>
{
    public sealed class PasskeyApp : IsolatedApp
    {
        private readonly int port = FreePorts.Next();

        public Uri PagesAddress => new($"http://localhost:{port}");

        protected override int? Port => port;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Links__PublicBaseUrl"] = PagesAddress.GetLeftPart(UriPartial.Authority),
        };
    }

    private Api api => app.Api;

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, screenshot);
    }

    /// <summary>
    /// A page whose browser has a virtual platform authenticator that holds discoverable credentials and verifies the person.
    /// <paramref name="conditionalUi"/> false: a browser that cannot offer passkeys among the login field's suggestions
    /// (Chromium's virtual authenticator answers such a request by itself, as a person picking the passkey would).
    /// </summary>
    private async Task<(IPage Page, ICDPSession DevTools, string AuthenticatorId)> OpenWithAuthenticatorAsync(string locale = "en-US", bool conditionalUi = false)
    {
        var page = await chromium.OpenPageAsync(app.PagesAddress, locale);
        if (!conditionalUi)
        {
            await page.AddInitScriptAsync("Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false });");
        }

        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["ctap2Version"] = "ctap2_1",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return (page, devTools, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    private static async Task<int> CredentialCountAsync(ICDPSession devTools, string authenticatorId)
    {
        var credentials = await devTools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        return credentials!.Value.GetProperty("credentials").GetArrayLength();
    }

    private static async Task SignInWithPasswordAsync(IPage page, string login, string submit = "Continue", string loginLabel = "Username or email", string passwordLabel = "Password")
    {
        await page.GetByLabel(loginLabel).FillAsync(login);
        await page.GetByLabel(passwordLabel, new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = submit, Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task A_passkey_added_on_the_account_page_signs_in_alone_on_the_sign_in_page()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var (page, devTools, authenticatorId) = await OpenWithAuthenticatorAsync();

        await page.GotoAsync("/account");
        await Expect(Heading(page, "Your account")).ToBeVisibleAsync();
        await CheckAsync(page, "account-sign-in");
        await SignInWithPasswordAsync(page, user.Username);
        await Expect(Heading(page, "Your passkeys")).ToBeVisibleAsync();
        await Expect(page.GetByText("You have no passkey yet.")).ToBeVisibleAsync();
        await page.GetByLabel("Name (optional)").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your passkey \"Test laptop\" is added.");
        await Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#passkey-list")).ToContainTextAsync("Test laptop");
        await CheckAsync(page, "account-passkeys");
        Assert.Equal(1, await CredentialCountAsync(devTools, authenticatorId));

        await page.GotoAsync("/sign-in");
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await CheckAsync(page, "sign-in-with-passkey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
        Assert.Contains(await api.EventsAsync(user.Id), e => e!["action"]!.GetValue<string>() == "passkey_used" && e["reason"]!.GetValue<string>() == "sign_in");
    }

    [Fact]
    public async Task The_browser_offers_the_passkey_in_the_login_field_and_choosing_it_signs_in_without_typing()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var (page, _, _) = await OpenWithAuthenticatorAsync(conditionalUi: true);
        await page.GotoAsync("/account");
        await SignInWithPasswordAsync(page, user.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a passkey" }).ClickAsync();
        await Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(1);

        await page.GotoAsync("/sign-in");

        // The login field asks with mediation "conditional"; the virtual authenticator picks the passkey as a person would.
        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task En_francais_une_cle_d_acces_ajoutee_sur_la_page_du_compte_connecte_seule()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], extra: new { locale = "fr" });
        var (page, _, _) = await OpenWithAuthenticatorAsync("fr-FR");

        await page.GotoAsync("/account");
        await Expect(Heading(page, "Votre compte")).ToBeVisibleAsync();
        await SignInWithPasswordAsync(page, user.Username, submit: "Continuer", loginLabel: "Nom d'utilisateur ou courriel", passwordLabel: "Mot de passe");
        await Expect(Heading(page, "Vos clés d'accès")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer une clé d'accès" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre clé d'accès « Clé d'accès 1 » est ajoutée.");
        await CheckAsync(page, "account-passkeys-fr");

        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Utiliser une clé d'accès" }).ClickAsync();

        await Expect(Heading(page, "Vous êtes connecté")).ToBeVisibleAsync();
        await CheckAsync(page, "signed-in-with-passkey-fr");
    }

    [Fact]
    public async Task A_password_sign_in_asks_for_the_passkey_as_second_factor_and_it_answers()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var (page, _, _) = await OpenWithAuthenticatorAsync();
        await page.GotoAsync("/account");
        await SignInWithPasswordAsync(page, user.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a passkey" }).ClickAsync();
        await Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(1);

        await page.GotoAsync("/sign-in");
        await SignInWithPasswordAsync(page, user.Username, submit: "Sign in");
        await Expect(Heading(page, "Confirm it is you")).ToBeVisibleAsync();
        await CheckAsync(page, "two-factor-passkey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use your passkey" }).ClickAsync();

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
        Assert.Contains(await api.EventsAsync(user.Id), e => e!["action"]!.GetValue<string>() == "passkey_used" && e["reason"]!.GetValue<string>() == "second_factor");
    }

    [Fact]
    public async Task A_passkey_is_renamed_then_removed_with_the_password_asked_again_after_a_passkey_sign_in()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var (page, _, _) = await OpenWithAuthenticatorAsync();
        await page.GotoAsync("/account");
        await SignInWithPasswordAsync(page, user.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a passkey" }).ClickAsync();
        await Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(1);

        // Signed in again with the passkey alone: the page holds no password, so removing asks for it.
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Expect(Heading(page, "Your passkeys")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Passkey 1" }).ClickAsync();
        await page.GetByLabel("New name").FillAsync("Office desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The passkey is now named \"Office desktop\".");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Office desktop" }).ClickAsync();
        var list = page.Locator("#passkey-list");
        await list.GetByLabel("Password", new() { Exact = true }).FillAsync("Not-The-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await CheckAsync(page, "passkey-remove-refused");
        await list.GetByLabel("Password", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the passkey" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("\"Office desktop\" is removed.");
        await Expect(page.GetByText("You have no passkey yet.")).ToBeVisibleAsync();
        var listed = await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: await api.TokenAsync(user.Username, "employee"));
        Assert.Empty(listed.ShouldBe(HttpStatusCode.OK).Json!["passkeys"]!.AsArray());
    }

    [Fact]
    public async Task A_member_of_an_organization_requiring_passkeys_sets_one_up_at_sign_in_then_signs_in_with_it()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { requirePhishingResistant = true });
        var (page, _, _) = await OpenWithAuthenticatorAsync();
        await page.GotoAsync("/sign-in");

        await SignInWithPasswordAsync(page, user.Username, submit: "Sign in");
        await Expect(Heading(page, "Set up a passkey")).ToBeVisibleAsync();
        await CheckAsync(page, "passkey-required");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your passkey is set up: now sign in with it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
    }
}
