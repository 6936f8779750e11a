using Microsoft.Playwright;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// One headless Chromium for a test class (<c>IClassFixture&lt;Chromium&gt;</c>), from which each test opens its own
/// isolated page: its own cookies, storage and language, as a new person at a new computer.
/// </summary>
/// <remarks>
/// Playwright's own browser download cannot reach its CDN here, so this launches Debian's Chromium, which
/// <c>scripts/install-tools</c> installs. Playwright talks to it through its driver, a Node.js program shipped in the
/// Microsoft.Playwright package and copied to <c>bin/.playwright</c> at build, with its own Node.js binary
/// (<c>bin/.playwright/node/linux-x64/node</c>), which runs on this Debian 12. On a machine where that binary cannot
/// run, <c>PLAYWRIGHT_NODEJS_PATH=/usr/bin/node</c> makes the driver use the system Node.js instead (checked here too).
/// </remarks>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    // A missing element or a wrong selector should fail a test in seconds, not after Playwright's default 30 s.
    private const float ActionTimeoutMilliseconds = 10_000;

    private static readonly string[] LaunchArguments =
    [
        // Tests run as root in a container, where Chromium's sandbox cannot start; and there is no GPU.
        "--no-sandbox",
        "--disable-gpu",
        // Without these, Chromium keeps calling home (updates, sync, field trials, QUIC probes) on a network that
        // reaches only the package registries: slow starts and a flood of refused connections.
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // /dev/shm is small in containers; Chromium's renderers crash when it fills up.
        "--disable-dev-shm-usage",
    ];

    private readonly List<IBrowserContext> contexts = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: run scripts/install-tools (it installs Debian's chromium package).");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchArguments,
        });
    }

    /// <summary>
    /// Opens a page in a new browser context whose relative URLs resolve against <paramref name="baseUrl"/> and whose
    /// language is <paramref name="locale"/> (e.g. "fr-FR", "en-US"): <c>navigator.language</c> and the
    /// <c>Accept-Language</c> header follow it, as they would for a person whose browser is set to that language.
    /// </summary>
    /// <remarks>The context is closed with the browser at the end of the test class; a class that opens many pages
    /// may close one sooner with <c>await page.Context.CloseAsync()</c>.</remarks>
    public async Task<IPage> OpenPageAsync(Uri baseUrl, string locale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = locale,
        });
        context.SetDefaultTimeout(ActionTimeoutMilliseconds);
        lock (contexts)
        {
            contexts.Add(context);
        }

        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }

    private IBrowser Browser =>
        browser ?? throw new InvalidOperationException("The Chromium fixture has not been initialised.");
}
