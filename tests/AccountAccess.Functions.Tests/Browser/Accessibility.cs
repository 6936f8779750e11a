using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>Checks a page against axe-core's accessibility rules (WCAG 2.x A and AA, and axe's best practices).</summary>
public static class Accessibility
{
    // axe grades each violation minor, moderate, serious or critical. Serious and critical ones stop someone from
    // using the page (a field a screen reader cannot name, text too faint to read), so they fail a test; minor and
    // moderate ones are left to review rather than blocking every change.
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <summary>
    /// Runs axe on the page as it is now and fails, listing each one (rule, impact, help, the elements' selectors),
    /// when any violation is serious or critical.
    /// </summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var failing = result.Violations.Where(violation => FailingImpacts.Contains(violation.Impact)).ToList();
        if (failing.Count == 0)
        {
            return;
        }

        var lines = failing.Select(violation =>
            $"- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]{Environment.NewLine}" +
            string.Join(Environment.NewLine, violation.Nodes.Select(node => $"    at {Describe(node)}")));
        throw new XunitException(
            $"{failing.Count} serious or critical accessibility violation(s) on {page.Url}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, lines));
    }

    private static string Describe(AxeResultNode node) => node.Target?.ToString() ?? node.Html;
}
