using System.Net;
using System.Text.RegularExpressions;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// The hosted account pages (web/) in headless Chromium against the real app and Azurite, as a person uses them: the
/// link of a real email, clicks and typing, French or English from the browser. Every page visited is checked with
/// axe and saved as a screenshot (artifacts/screenshots/).
/// </summary>
public sealed class AccountPagesTests(AccountPagesTests.PagesApp app, Chromium chromium)
    : IClassFixture<AccountPagesTests.PagesApp>, IClassFixture<Chromium>
{
    private const string NewPassword = "Amber-Lighthouse-77";

    private Api api => app.Api;

    public sealed class PagesApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
    }

    private Task<IPage> OpenAsync(string locale = "en-US") => chromium.OpenPageAsync(app.App.BaseAddress, locale);

    /// <summary>Opens an emailed link as a click on it would: the same path and query, on the app under test.</summary>
    private static async Task GoToLinkAsync(IPage page, string link) => await page.GotoAsync(new Uri(link).PathAndQuery);

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, screenshot);
    }

    private static async Task SignInAsync(IPage page, string login, string password, string portal = "employee")
    {
        await page.GetByLabel("Username or email").FillAsync(login);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Application").SelectOptionAsync(portal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A six-digit code the authenticator does not produce around now (a step either way is accepted).</summary>
    private static string WrongCodeFor(Totp totp)
    {
        var near = Enumerable.Range(-2, 5).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(digit => new string((char)('0' + digit), 6)).First(code => !near.Contains(code));
    }

    [Fact]
    public async Task Forgot_password_then_the_emailed_link_then_a_new_password_then_signed_in()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var page = await OpenAsync();

        await page.GotoAsync("/forgot-password");
        await CheckAsync(page, "forgot-password");
        await page.GetByLabel("Username or email").FillAsync(user.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(Heading(page, "Check your email")).ToBeVisibleAsync();
        await CheckAsync(page, "forgot-password-sent");

        var link = PickupFolder.LinkIn((await app.Mail.WaitForAsync(user.Email)).Single());
        Assert.Contains("/reset-password?token=", link, StringComparison.Ordinal);
        // A mail scanner opens the link first: that must not use it up.
        var scanner = await OpenAsync();
        await GoToLinkAsync(scanner, link);
        await Expect(Heading(scanner, "Reset your password")).ToBeVisibleAsync();
        await scanner.Context.CloseAsync();

        await GoToLinkAsync(page, link);
        await Expect(Heading(page, "Reset your password")).ToBeVisibleAsync();
        await Expect(page.Locator("#password-rules")).ToContainTextAsync("From 12 to 256 characters");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        await CheckAsync(page, "reset-password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await Expect(Heading(page, "Your password is set")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await CheckAsync(page, "sign-in");
        await SignInAsync(page, user.Username, NewPassword);
        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
        await CheckAsync(page, "signed-in");
        // The token went nowhere: not in the address bar or Referer, not in the page's storage, not in the app's logs.
        var token = PickupFolder.TokenIn((await app.Mail.WaitForAsync(user.Email)).First(m => m.Subject == "Reset your password"));
        Assert.DoesNotContain(await page.EvaluateAsync<string[]>("() => [location.href, document.referrer]"), u => u.Contains("token=", StringComparison.Ordinal));
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(token, app.App.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, stored + app.App.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_welcome_kit_link_activates_the_account_with_the_rules_shown_before_typing()
    {
        var organizationId = await api.CreateOrganizationAsync(new { minPasswordLength = 14 });
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/welcome-kit", asOperator: true)).ShouldBe(HttpStatusCode.Accepted);
        var link = PickupFolder.LinkIn((await app.Mail.WaitForAsync(user.Email)).Single());
        var page = await OpenAsync();

        await GoToLinkAsync(page, link);

        await Expect(Heading(page, "Activate your account")).ToBeVisibleAsync();
        await Expect(page.Locator("#password-rules")).ToContainTextAsync("From 14 to 256 characters");
        await CheckAsync(page, "activate");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short-one-1");
        await page.GetByLabel("New password again").FillAsync("short-one-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("At least 14 characters.");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate my account" }).ClickAsync();
        await Expect(Heading(page, "Your account is active")).ToBeVisibleAsync();

        (await api.LoginAsync(user.Username, NewPassword)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_authenticator_app_is_set_up_from_its_qr_code_page_then_asked_for_at_sign_in()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");
        await SignInAsync(page, user.Username, Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();

        await Expect(Heading(page, "Set up an authenticator app")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to scan with your authenticator app" })).ToBeVisibleAsync();
        await CheckAsync(page, "totp-enrolment");
        var totp = new Totp(Base32Encoding.ToBytes((await page.Locator("#totp-secret").TextContentAsync())!.Trim()));
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(totp.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(Heading(page, "Keep your recovery codes")).ToBeVisibleAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have kept them" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await SignInAsync(page, user.Username, Api.Password);
        await Expect(Heading(page, "Confirm it is you")).ToBeVisibleAsync();
        await CheckAsync(page, "two-factor");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(WrongCodeFor(totp));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The code is wrong");
        // The enrolment used this 30-second step's code, and a code is accepted once: the next step's is fresh.
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Replacing_an_authenticator_asks_for_the_password_again_and_a_wrong_one_is_refused()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var (secret, _) = await Authenticator.EnrolTotpAsync(api, await api.TokenAsync(user.Username, "employee"));
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");
        await SignInAsync(page, user.Username, Api.Password);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Authenticator.NextStepCode(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();

        await Expect(Heading(page, "Enter your password again")).ToBeVisibleAsync();
        await Expect(page.GetByText("You already have a second factor")).ToBeVisibleAsync();
        await CheckAsync(page, "step-up");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Wrong-Password-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong username or password, or the account is deactivated.");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Heading(page, "Set up an authenticator app")).ToBeVisibleAsync();
        var replaced = new Totp(Base32Encoding.ToBytes((await page.Locator("#totp-secret").TextContentAsync())!.Trim()));
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(replaced.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(Heading(page, "Keep your recovery codes")).ToBeVisibleAsync();

        Assert.Equal(1, (await api.EventsAsync(user.Id)).Count(e => e!["action"]!.GetValue<string>() == "sign_in_failed"));
    }

    [Fact]
    public async Task A_phone_is_added_from_the_signed_in_page_with_the_code_sent_to_it()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var phone = Authenticator.UniquePhone();
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");
        await SignInAsync(page, user.Username, Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a phone for codes" }).ClickAsync();
        await Expect(Heading(page, "Add a phone for codes")).ToBeVisibleAsync();
        await CheckAsync(page, "phone-enrolment");

        await page.GetByLabel("Phone number").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this phone" }).ClickAsync();
        await Expect(Heading(page, "Enter the code sent to your phone")).ToBeVisibleAsync();
        var code = Authenticator.CodeIn(Assert.Single(await app.Sms.WaitForAsync(phone)).Text);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this phone" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your phone now receives your sign-in codes.");
        var login = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_required", login.Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Turning_second_factors_off_asks_for_the_password_again()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var (secret, _) = await Authenticator.EnrolTotpAsync(api, await api.TokenAsync(user.Username, "employee"));
        var page = await OpenAsync("fr-FR");
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Nom d'utilisateur ou courriel").FillAsync(user.Username);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Authenticator.NextStepCode(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Désactiver les seconds facteurs" }).ClickAsync();
        await Expect(Heading(page, "Saisissez de nouveau votre mot de passe")).ToBeVisibleAsync();
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vos seconds facteurs sont désactivés");
        Assert.Equal("ok", (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_organization_that_requires_a_second_factor_has_it_set_up_at_sign_in_then_asks_for_it()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { requireTwoFactor = true });
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");

        await SignInAsync(page, user.Username, Api.Password);

        await Expect(Heading(page, "Set up an authenticator app")).ToBeVisibleAsync();
        await Expect(page.GetByText("Your organization requires a second factor")).ToBeVisibleAsync();
        var totp = new Totp(Base32Encoding.ToBytes((await page.Locator("#totp-secret").TextContentAsync())!.Trim()));
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(totp.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have kept them" }).ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Now sign in again");
        await SignInAsync(page, user.Username, Api.Password);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Where_the_organization_allows_it_a_code_sent_by_email_signs_in()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { emailSecondFactor = true });
        var token = await api.TokenAsync(user.Username, "employee");
        var started = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", bearer: token);
        var secret = started.Json!["secret"]!.GetValue<string>();
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp/confirm", new { code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp() }, bearer: token))
            .ShouldBe(HttpStatusCode.OK);
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");
        await SignInAsync(page, user.Username, Api.Password);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send a code by email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A new code is on its way by email.");
        await Eventually.TrueAsync(() => Task.FromResult(app.Mail.SentTo(user.Email).Any(m => m.Subject == "Your sign-in code")));
        var email = app.Mail.SentTo(user.Email).Last(m => m.Subject == "Your sign-in code");
        var code = Regex.Match(email.TextBody ?? string.Empty, @"\b\d{6}\b").Value;
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_deactivated_account_is_told_why_and_what_to_do_in_french()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", new { reason = "manual" }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        var page = await OpenAsync("fr-FR");
        await page.GotoAsync("/sign-in");

        await Expect(Heading(page, "Connexion")).ToBeVisibleAsync();
        await page.GetByLabel("Nom d'utilisateur ou courriel").FillAsync(user.Username);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeVisibleAsync();
        Assert.Contains("superviseur", (await alert.TextContentAsync())!, StringComparison.OrdinalIgnoreCase);
        await CheckAsync(page, "sign-in-refused-fr");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
    }

    [Fact]
    public async Task Signing_in_works_with_the_keyboard_alone()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");
        await Expect(page.GetByLabel("Username or email")).ToBeVisibleAsync();

        // The page opens with the focus on its heading; Tab then goes through the form in reading order.
        Assert.Equal("H1", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("login", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(user.Username);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Api.Password);
        await page.Keyboard.PressAsync("Enter");

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
        Assert.Equal("H1", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_api_message_and_the_way_to_forgot_password()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");

        await SignInAsync(page, user.Username, "Not-The-Password-1");

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("or the account is deactivated");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("even the right password gets this answer");
        await Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_sign_in_page_keeps_its_device_token_per_login_and_sends_it_so_a_stranger_cannot_lock_it_out()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var page = await OpenAsync();
        var sentTokens = new List<string?>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/auth/login", StringComparison.Ordinal))
            {
                sentTokens.Add(System.Text.Json.Nodes.JsonNode.Parse(request.PostData!)!["deviceToken"]?.GetValue<string>());
            }
        };
        await page.GotoAsync("/sign-in");
        await SignInAsync(page, user.Username, Api.Password);
        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
        var kept = await page.EvaluateAsync<string?>($"() => localStorage.getItem('deviceToken:{user.Username.ToLowerInvariant()}')");
        Assert.StartsWith("dvt_", kept, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            await api.LoginAsync(user.Username, "Not-The-Password-1", forwardedFor: "203.0.113.40");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, "  " + user.Username.ToUpperInvariant(), Api.Password);

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
        Assert.Equal([null, kept], sentTokens);
        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_temporary_password_is_replaced_on_the_change_password_page()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/password", new { newPassword = "Temporary-Pass-123" }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        var page = await OpenAsync();
        await page.GotoAsync("/change-password");
        await Expect(Heading(page, "Change your password")).ToBeVisibleAsync();
        await CheckAsync(page, "change-password");

        await page.GetByLabel("Username or email").FillAsync(user.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Temporary-Pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Heading(page, "Choose a new password")).ToBeVisibleAsync();
        await Expect(page.GetByText("You signed in with a temporary password")).ToBeVisibleAsync();
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync("Something-Else-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not the same");
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();

        await Expect(Heading(page, "You are signed in")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed.");
        (await api.LoginAsync(user.Username, NewPassword)).ShouldBe(HttpStatusCode.OK);
    }
}
