using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// A link opened too late, or one replaced by a newer email, says why it cannot be used and what to do, as soon as
/// its page opens (links live 1 s in this app).
/// </summary>
public sealed class ExpiredLinkPageTests(ExpiredLinkPageTests.ShortLinksApp app, Chromium chromium)
    : IClassFixture<ExpiredLinkPageTests.ShortLinksApp>, IClassFixture<Chromium>
{
    public sealed class ShortLinksApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Passwords__ResetLinkLifetime"] = "00:00:01",
        };
    }

    [Fact]
    public async Task An_expired_link_shows_its_reason_and_the_way_out()
    {
        var (_, _, user) = await app.Api.CreateStaffAsync();
        await app.Api.ForgotAndWaitAsync(user.Username, user.Id);
        var link = PickupFolder.LinkIn((await app.Mail.WaitForAsync(user.Email)).Single());
        // The link lives a second: the page is opened once the API says it has expired.
        var token = Uri.UnescapeDataString(new Uri(link).Query.Split("token=")[1]);
        await Eventually.TrueAsync(async () =>
            (await app.Api.SendAsync(HttpMethod.Post, "/api/password/reset/check", new { token })).Details?["reason"]?.GetValue<string>() == "expired");
        var page = await chromium.OpenPageAsync(app.App.BaseAddress, "en-US");

        await page.GotoAsync(new Uri(link).PathAndQuery);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link cannot be used" })).ToBeVisibleAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("It has expired");
        await Screenshots.SaveAsync(page, "reset-link-expired");
        await alert.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?" })).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_link_page_opened_without_its_token_says_to_open_the_email_again_in_french()
    {
        var page = await chromium.OpenPageAsync(app.App.BaseAddress, "fr-FR");

        await page.GotoAsync("/reset-password");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ce lien ne peut pas servir" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incomplet");
        await Screenshots.SaveAsync(page, "reset-password-invalid-fr");
    }
}
