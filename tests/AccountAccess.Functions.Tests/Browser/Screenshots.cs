using AccountAccess.Testing;
using Microsoft.Playwright;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// Saves what a page shows as a PNG in <c>artifacts/screenshots/</c> at the repository root (git-ignored), one stable
/// path per name, so a person (or CI's artifacts) can look at the pages a test run saw.
/// </summary>
public static class Screenshots
{
    /// <summary>The folder the screenshots are written to.</summary>
    public static string Folder => Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    /// <summary>Writes the whole page, beyond the viewport too, to <c>artifacts/screenshots/&lt;name&gt;.png</c>, replacing
    /// the last run's; returns the file's path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        // The name becomes a file name: refuse what would write elsewhere or fail on another file system.
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('\\'))
        {
            throw new ArgumentException($"'{name}' is not usable as a file name.", nameof(name));
        }

        var path = Path.Combine(Folder, name + ".png");
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Png });
        return path;
    }
}
