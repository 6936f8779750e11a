using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Triggers;

/// <summary>
/// <c>emit-functions</c>: the Azure Functions layout generated from the code (host.json and one function.json per
/// function), and the <c>POST /{FunctionName}</c> invocation route the Functions host uses for timers.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FunctionLayoutTests(AppFixture fixture) : IAsyncLifetime
{
    private readonly Api api = fixture.Api;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "emit-functions-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => await EmitAsync(directory);

    public Task DisposeAsync()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void The_emitted_host_json_forwards_http_requests_and_uses_the_extension_bundle()
    {
        var host = ReadJson(Path.Combine(directory, "host.json"));

        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.NotNull(host["extensionBundle"]?["id"]);
        Assert.NotNull(host["extensionBundle"]?["version"]);
    }

    [Fact]
    public void The_checked_in_host_json_is_the_emitted_one()
    {
        var emitted = ReadJson(Path.Combine(directory, "host.json"));
        var checkedIn = ReadJson(Path.Combine(RepositoryPaths.Root, "host.json"));

        Assert.True(JsonNode.DeepEquals(emitted, checkedIn), $"host.json drifted from the code.\nEmitted:\n{emitted}\nChecked in:\n{checkedIn}");
    }

    [Fact]
    public void Every_folder_holds_one_function_json()
    {
        foreach (var folder in Directory.GetDirectories(directory))
        {
            Assert.Equal(new[] { "function.json" }, Directory.GetFiles(folder).Select(f => Path.GetFileName(f)));
        }
    }

    [Fact]
    public void Every_http_endpoint_is_exactly_one_function_with_its_route_and_methods()
    {
        var endpoints = MappedRoutes.All.Where(r => r.IsHttpFunction).GroupBy(r => r.Name).ToList();
        Assert.NotEmpty(endpoints);

        foreach (var endpoint in endpoints)
        {
            var path = Path.Combine(directory, endpoint.Key, "function.json");
            Assert.True(File.Exists(path), $"no function.json for {endpoint.Key}");
            var bindings = ReadJson(path)["bindings"]!.AsArray();
            var trigger = Assert.Single(bindings, b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
            var template = endpoint.First().Template.TrimStart('/');
            var expectedRoute = template.StartsWith("api/", StringComparison.Ordinal) ? template["api/".Length..] : template;
            Assert.Equal(expectedRoute, trigger["route"]!.GetValue<string>());
            Assert.Equal(
                endpoint.Select(e => e.Method.ToLowerInvariant()).Order(),
                trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
            Assert.Contains(bindings, b => b!["type"]!.GetValue<string>() == "http" && b["direction"]!.GetValue<string>() == "out");
        }
    }

    [Fact]
    public void Every_function_folder_is_an_endpoint_or_a_triggered_function_of_the_app()
    {
        var known = MappedRoutes.All.Select(r => r.Name).ToHashSet();

        var folders = Directory.GetDirectories(directory).Select(f => Path.GetFileName(f)).ToList();

        Assert.All(folders, folder => Assert.Contains(folder, known));
        Assert.Equal(known.Order(), folders.Order());
    }

    [Fact]
    public void The_lockout_sweep_is_a_timer_with_a_six_field_schedule()
    {
        var bindings = ReadJson(Path.Combine(directory, "SweepEndedLockouts", "function.json"))["bindings"]!.AsArray();

        var timer = Assert.Single(bindings)!;
        Assert.Equal("timerTrigger", timer["type"]!.GetValue<string>());
        Assert.Equal("in", timer["direction"]!.GetValue<string>());
        Assert.Equal(6, timer["schedule"]!.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task The_host_invokes_a_timer_function_by_posting_its_payload_and_gets_the_custom_handler_answer()
    {
        var reply = await api.SendAsync(HttpMethod.Post, "/SweepEndedLockouts", """{"Data":{"timer":{}},"Metadata":{}}""", asOperator: true);

        reply.ShouldBe(HttpStatusCode.OK);
        var answer = reply.Json!.AsObject();
        Assert.True(answer.ContainsKey("Outputs"), reply.Body);
        Assert.True(answer.ContainsKey("Logs"), reply.Body);
        Assert.True(answer.ContainsKey("ReturnValue"), reply.Body);
    }

    [Fact]
    public async Task Standalone_a_timer_function_cannot_be_invoked_without_the_operator_key()
    {
        var reply = await api.SendAsync(HttpMethod.Post, "/SweepEndedLockouts", """{"Data":{"timer":{}},"Metadata":{}}""");

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static JsonNode ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    private static async Task EmitAsync(string target)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[] { RepositoryPaths.FunctionsApp, "emit-functions", target })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"emit-functions exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
