using System.Diagnostics;
using System.Text.Json.Nodes;
using AccountAccess.Testing;

namespace AccountAccess.Infra.Tests;

/// <summary>
/// infra/pages.sh, which prepares web/ for the Static Web App: the pages call the API at the origin the template outputs
/// (<c>apiOrigin</c>, the Function App's own host) and no other — not <c>https://*.azurewebsites.net</c>, anyone's app.
/// </summary>
public sealed class PagesScriptTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "accountaccess-pages-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_pages_may_connect_to_the_function_apps_origin_besides_their_own_and_nowhere_else()
    {
        var run = Run("https://func-accountaccess-x1.azurewebsites.net", output);

        Assert.Equal(0, run.ExitCode);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "staticwebapp.config.json")))!;
        var policy = (string)config["globalHeaders"]!["Content-Security-Policy"]!;
        Assert.Contains("connect-src 'self' https://func-accountaccess-x1.azurewebsites.net;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("*", policy, StringComparison.Ordinal);
        Assert.Equal("https://func-accountaccess-x1.azurewebsites.net", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["apiBaseUrl"]);
        Assert.True(File.Exists(Path.Combine(output, "sign-in.html")));
    }

    [Theory]
    [InlineData("https://*.azurewebsites.net")]
    [InlineData("http://func-accountaccess-x1.azurewebsites.net")]
    [InlineData("https://func-accountaccess-x1.azurewebsites.net/api")]
    [InlineData("https://a.example https://b.example")]
    public void Anything_but_one_https_origin_is_refused(string origin)
    {
        var run = Run(origin, output);

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(output, "staticwebapp.config.json")));
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static (int ExitCode, string Printed) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "infra", "pages.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var printed = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromSeconds(30));
        return (process.ExitCode, printed);
    }
}
