using Microsoft.Playwright;
using Xunit.Sdk;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// The browser harness on its own, without the app: Chromium starts, a page runs its script, a screenshot is written,
/// the accessibility check passes a good page and fails a bad one, and a context's locale reaches the page and the
/// server. When these fail, the pages' tests cannot be trusted either.
/// </summary>
public sealed class ChromiumSmokeTests(Chromium chromium) : IClassFixture<Chromium>
{
    // Never contacted: requests to it are answered by the page's route, inside the browser. Loopback all the same,
    // so a route that did not catch a request sends it nowhere but this machine.
    private static readonly Uri NoServer = new("http://127.0.0.1:9/");

    private const string AccessiblePage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Sign in</title></head>
        <body>
          <main>
            <h1>Sign in</h1>
            <form>
              <label for="login">Username or email</label>
              <input id="login" name="login" autocomplete="username">
              <button type="submit">Sign in</button>
            </form>
            <p id="greeting"></p>
          </main>
          <script>document.getElementById('greeting').textContent = 'Hello from ' + navigator.language;</script>
        </body>
        </html>
        """;

    private const string InaccessiblePage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Broken</title></head>
        <body>
          <main>
            <h1>Broken</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <input id="login" name="login">
          </main>
        </body>
        </html>
        """;

    [Fact]
    public async Task A_page_set_as_content_runs_its_script()
    {
        var page = await chromium.OpenPageAsync(NoServer, "en-US");

        await page.SetContentAsync(AccessiblePage);

        Assert.Equal("Hello from en-US", await page.Locator("#greeting").TextContentAsync());
    }

    [Fact]
    public async Task A_screenshot_is_a_png_in_the_artifacts_folder()
    {
        var page = await chromium.OpenPageAsync(NoServer, "en-US");
        await page.SetContentAsync(AccessiblePage);

        var path = await Screenshots.SaveAsync(page, "harness-accessible-page");

        Assert.Equal(Path.Combine(Screenshots.Folder, "harness-accessible-page.png"), path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
    }

    [Fact]
    public async Task An_accessible_page_passes_the_accessibility_check()
    {
        var page = await chromium.OpenPageAsync(NoServer, "en-US");
        await page.SetContentAsync(AccessiblePage);

        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_field_without_a_label_and_an_image_without_alt_text_fail_the_accessibility_check()
    {
        var page = await chromium.OpenPageAsync(NoServer, "en-US");
        await page.SetContentAsync(InaccessiblePage);

        var failure = await Assert.ThrowsAsync<XunitException>(() => Accessibility.ShouldHaveNoSeriousViolationsAsync(page));

        Assert.Contains("- label (critical)", failure.Message);
        Assert.Contains("- image-alt (critical)", failure.Message);
        Assert.Contains("#login", failure.Message);
    }

    [Fact]
    public async Task The_locale_of_the_page_sets_navigator_language_and_accept_language()
    {
        var page = await chromium.OpenPageAsync(NoServer, "fr-FR");
        string? acceptLanguage = null;
        await page.RouteAsync("**/*", async route =>
        {
            acceptLanguage = route.Request.Headers.GetValueOrDefault("accept-language");
            await route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html; charset=utf-8", Body = AccessiblePage });
        });

        await page.GotoAsync("/sign-in");

        Assert.Equal(new Uri(NoServer, "/sign-in").ToString(), page.Url);
        Assert.StartsWith("fr-FR", acceptLanguage);
        Assert.Equal("Hello from fr-FR", await page.Locator("#greeting").TextContentAsync());
    }
}
