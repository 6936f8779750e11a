using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>
/// The OpenAPI document as client generators and documentation renderers take it: the document the running app serves
/// at <c>GET /api/openapi.json</c> passes Redocly CLI's recommended rules (redocly.yaml) without an error or a warning —
/// every operation with a summary, its 4xx answers and the error codes they carry, and a server. Redocly is installed
/// into node_modules/ by scripts/install-tools, pinned in package-lock.json.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiLintTests(AppFixture fixture)
{
    private static readonly string Redocly = Path.Combine(RepositoryPaths.Root, "node_modules", "@redocly", "cli", "bin", "cli.js");

    [Fact]
    public async Task The_served_document_passes_redocly_s_recommended_rules_without_a_warning()
    {
        var reply = await fixture.Api.SendAsync(HttpMethod.Get, "/api/openapi.json");
        reply.ShouldBe(HttpStatusCode.OK);
        // Kept in artifacts/ (ignored by git) for a look at what was linted.
        var document = Path.Combine(RepositoryPaths.Root, "artifacts", "openapi.json");
        Directory.CreateDirectory(Path.GetDirectoryName(document)!);
        await File.WriteAllTextAsync(document, reply.Body);
        var report = Path.ChangeExtension(document, ".lint.json");

        var (exitCode, output) = await LintAsync(document, report);

        var problems = Problems(report, output);
        Assert.True(problems.Count == 0, $"Redocly found {problems.Count} problems:\n{string.Join('\n', problems)}");
        Assert.True(exitCode == 0, $"redocly lint exited with {exitCode}:\n{output}");
    }

    /// <summary>Runs <c>redocly lint</c>; its JSON report (standard output) goes to <paramref name="report"/>.</summary>
    private static async Task<(int ExitCode, string Output)> LintAsync(string document, string report)
    {
        Assert.True(File.Exists(Redocly), $"{Redocly} is missing: run scripts/install-tools");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
            // No machine of this project reaches Redocly's servers: no telemetry, no update check.
            Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
        };
        foreach (var argument in new[] { Redocly, "lint", document, "--config", "redocly.yaml", "--format", "json", "--max-problems", "1000" })
        {
            start.ArgumentList.Add(argument);
        }

        using var lint = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var json = lint.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = lint.StandardError.ReadToEndAsync(timeout.Token);
        await lint.WaitForExitAsync(timeout.Token);
        await File.WriteAllTextAsync(report, await json);
        return (lint.ExitCode, await errors);
    }

    /// <summary>Each problem of Redocly's JSON report as one line: severity, rule, where, what.</summary>
    private static List<string> Problems(string report, string output)
    {
        Assert.True(File.Exists(report), "redocly wrote no report:\n" + output);
        return JsonNode.Parse(File.ReadAllText(report))!["problems"]!.AsArray()
            .Select(p => $"{p!["severity"]} {p["ruleId"]} {p["location"]?[0]?["pointer"]}: {p["message"]}")
            .ToList();
    }
}
