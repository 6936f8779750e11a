using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccountAccess.Functions.Hosting;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>
/// The deployable app (API.md "Running and observing"): <c>dotnet publish src/AccountAccess.Functions</c> gives an isolated
/// worker app — host.json, worker.config.json, .azurefunctions/ and a functions.metadata that the Functions worker SDK
/// generated from the code, listing every route of API.md with its methods and every timer and queue function with its
/// trigger. The standalone host routes by the same attributes, so its table must equal the metadata.
/// </summary>
public sealed partial class PublishedAppTests(PublishedAppTests.PublishedApp published) : IClassFixture<PublishedAppTests.PublishedApp>
{
    /// <summary>The routes of API.md (below the <c>api</c> prefix) and their methods, written out by hand from the contract.</summary>
    public static TheoryData<string, string> ContractRoutes() => new()
    {
        { "GET", "health" },
        { "POST", "organizations" },
        { "GET", "organizations/{orgId}" },
        { "PUT", "organizations/{orgId}/policy" },
        { "POST", "organizations/{orgId}/units" },
        { "POST", "organizations/{orgId}/users" },
        { "POST", "organizations/{orgId}/members" },
        { "GET", "organizations/{orgId}/members" },
        { "GET", "users" },
        { "POST", "member-index/rebuilds" },
        { "POST", "organizations/{orgId}/leave" },
        { "POST", "organizations/{orgId}/welcome-kits" },
        { "GET", "users/{userId}" },
        { "PATCH", "users/{userId}" },
        { "DELETE", "users/{userId}" },
        { "POST", "auth/login" },
        { "POST", "auth/2fa/send" },
        { "POST", "auth/2fa/verify" },
        { "POST", "auth/refresh" },
        { "POST", "auth/logout" },
        { "GET", "account/sessions" },
        { "DELETE", "account/sessions/{sessionId}" },
        { "DELETE", "users/{userId}/sessions" },
        { "GET", "auth/jwks" },
        { "GET", ".well-known/openid-configuration" },
        { "POST", "account/2fa/totp" },
        { "POST", "account/2fa/totp/confirm" },
        { "POST", "account/2fa/phone" },
        { "POST", "account/2fa/phone/confirm" },
        { "DELETE", "account/2fa" },
        { "DELETE", "users/{userId}/2fa" },
        { "POST", "account/passkeys/options" },
        { "POST", "account/passkeys" },
        { "GET", "account/passkeys" },
        { "PATCH", "account/passkeys/{passkeyId}" },
        { "DELETE", "account/passkeys/{passkeyId}" },
        { "POST", "auth/passkey/options" },
        { "POST", "auth/passkey/verify" },
        { "POST", "password/forgot" },
        { "POST", "password/reset" },
        { "POST", "password/reset/check" },
        { "POST", "password/change" },
        { "POST", "users/{userId}/password" },
        { "POST", "users/{userId}/temporary-password" },
        { "POST", "users/{userId}/deactivate" },
        { "POST", "users/{userId}/reactivate" },
        { "POST", "users/{userId}/revoke-access" },
        { "POST", "users/{userId}/restore-access" },
        { "POST", "users/{userId}/merge" },
        { "POST", "users/{userId}/release-email" },
        { "POST", "users/{userId}/welcome-kit" },
        { "GET", "organizations/{orgId}/welcome-kits/{requestId}" },
        { "GET", "users/{userId}/diagnosis" },
        { "GET", "users/{userId}/events" },
        { "GET", "organizations/{orgId}/events" },
        { "POST", "billing/events" },
        { "GET", "workflows" },
        { "GET", "workflows/{workflow}/{instanceId}" },
        { "GET", "openapi.json" },
    };

    public static TheoryData<string, string> TimerFunctions() => new()
    {
        { "ScheduledWelcomeKits", "%WelcomeKits:Schedule%" },
        { "SweepEndedLockouts", "%Lockouts:SweepSchedule%" },
        { "SweepEndedChallenges", "%TwoFactor:ChallengeSweepSchedule%" },
    };

    public static TheoryData<string, string> QueueFunctions() => new()
    {
        { "FanOutWelcomeKits", "welcome-kit-fan-outs" },
        { "DeliverWelcomeKit", "welcome-kits" },
        { "HandleForgotPassword", "forgot-password-requests" },
    };

    public static TheoryData<string, string> DurableFunctions() => new()
    {
        { "ResetLink", "orchestrationTrigger" },
        { "RecordResetLinkExpiry", "activityTrigger" },
        { "PasswordRotation", "orchestrationTrigger" },
        { "PlanPasswordRotation", "activityTrigger" },
        { "SendPasswordExpiryReminder", "activityTrigger" },
        { "ExpirePassword", "activityTrigger" },
        { "BillingReactivation", "orchestrationTrigger" },
        { "RestoreBillingAccess", "activityTrigger" },
        { "BillingSuspensionNotice", "orchestrationTrigger" },
        { "SendBillingSuspensionNotice", "activityTrigger" },
        { "MemberIndexRebuild", "orchestrationTrigger" },
        { "RebuildMemberIndexPage", "activityTrigger" },
        { "RecordMemberIndexRebuilt", "activityTrigger" },
        { "SweepMemberIndexPage", "activityTrigger" },
    };

    [Theory]
    [MemberData(nameof(DurableFunctions))]
    public void Every_orchestrator_and_activity_is_in_the_metadata_with_its_durable_trigger(string name, string trigger)
    {
        Assert.Equal(trigger, Trigger(published.Function(name))["type"]!.GetValue<string>());
    }

    /// <summary>
    /// The functions that start, signal or query workflows: the operator routes, and those whose Core service reaches
    /// <c>IResetLinkTracker</c>, <c>IPasswordRotationTracker</c> or <c>IBillingWorkflows</c>. Under the Functions host each
    /// goes through the host's durable client, which the host binds only to a function whose metadata asks for it.
    /// </summary>
    private static readonly string[] WorkflowFunctionNames =
    [
        "ListWorkflows", "GetWorkflow",
        "SetUserPassword", "IssueTemporaryPassword", "ChangePassword", "ResetPassword", "HandleForgotPassword",
        "CreateUser", "DeleteUser",
        "SendWelcomeKit", "DeliverWelcomeKit", "ScheduledWelcomeKits",
        "BillingWebhook",
        "RebuildMemberIndex",
    ];

    public static TheoryData<string> WorkflowFunctions() => new(WorkflowFunctionNames);

    [Theory]
    [MemberData(nameof(WorkflowFunctions))]
    public void Every_function_that_starts_or_queries_workflows_has_a_durable_client_binding(string name)
    {
        Assert.Contains(published.Function(name)["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "durableClient");
    }

    [Fact]
    public void A_function_that_touches_no_workflow_has_no_durable_client_binding()
    {
        var starters = WorkflowFunctionNames.ToHashSet();

        Assert.All(published.Functions.Where(f => !starters.Contains(f["name"]!.GetValue<string>())), f =>
            Assert.DoesNotContain(f["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "durableClient"));
    }

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public void Every_route_of_the_contract_is_an_http_function_of_the_metadata_with_its_method(string method, string route)
    {
        var functions = published.Functions.Where(f => Trigger(f)["type"]!.GetValue<string>() == "httpTrigger" && Trigger(f)["route"]?.GetValue<string>() == route).ToList();

        Assert.True(functions.Count > 0, $"No HTTP function has the route {route}.");
        Assert.Contains(functions, f => Trigger(f)["methods"]!.AsArray().Any(m => string.Equals(m!.GetValue<string>(), method, StringComparison.OrdinalIgnoreCase)));
        Assert.All(functions, f => Assert.Equal("anonymous", Trigger(f)["authLevel"]!.GetValue<string>(), ignoreCase: true));
        Assert.All(functions, f => Assert.Contains(f["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "http" && b["direction"]!.GetValue<string>().Equals("out", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [MemberData(nameof(TimerFunctions))]
    public void Every_timer_function_is_in_the_metadata_with_its_schedule_setting(string name, string schedule)
    {
        var trigger = Trigger(published.Function(name));

        Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(schedule, trigger["schedule"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(QueueFunctions))]
    public void Every_queue_function_is_in_the_metadata_with_its_queue_and_the_storage_connection(string name, string queue)
    {
        var trigger = Trigger(published.Function(name));

        Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(queue, trigger["queueName"]!.GetValue<string>());
        Assert.Equal(AppSettingDefaults.StorageConnection, trigger["connection"]!.GetValue<string>());
    }

    [Fact]
    public void The_metadata_lists_exactly_the_functions_the_standalone_host_runs_with_the_same_triggers()
    {
        var fromMetadata = published.Functions.Select(f => (f["name"]!.GetValue<string>(), Describe(Trigger(f)))).Order().ToList();
        var fromCatalogue = FunctionCatalogue.App.All.Select(f => (f.Name, Describe(f.Trigger))).Order().ToList();

        Assert.Equal(fromCatalogue, fromMetadata);
    }

    [Fact]
    public void The_contract_lists_above_name_every_function_of_the_app()
    {
        var listed = ContractRoutes().Select(row => $"{row[0]} {row[1]}")
            .Concat(TimerFunctions().Select(row => (string)row[0])).Concat(QueueFunctions().Select(row => (string)row[0]))
            .Concat(DurableFunctions().Select(row => (string)row[0])).ToHashSet();
        var app = FunctionCatalogue.App.All.SelectMany(f => f.Trigger is FunctionTrigger.Http http ? http.Methods.Select(m => $"{m} {http.Route}") : [f.Name]);

        Assert.All(app, function => Assert.Contains(function, listed));
    }

    [Fact]
    public void Every_function_is_a_dotnet_isolated_function_of_the_app_assembly()
    {
        Assert.All(published.Functions, f =>
        {
            Assert.Equal("dotnet-isolated", f["language"]!.GetValue<string>());
            Assert.Equal("AccountAccess.Functions.dll", f["scriptFile"]!.GetValue<string>());
        });
    }

    [Fact]
    public void The_published_host_json_is_the_repository_one_for_the_isolated_worker()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Directory, "host.json")))!;

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(published.Directory, "host.json")));
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal(5, host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
        Assert.Equal("%DurableTask:HubName%", host["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        Assert.Equal("Storage:ConnectionString", host["extensions"]!["durableTask"]!["storageProvider"]!["connectionName"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);
        Assert.Null(host["extensionBundle"]);
    }

    [Fact]
    public void The_worker_config_says_dotnet_isolated_and_the_extensions_are_published()
    {
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Directory, "worker.config.json")))!;

        Assert.Equal("dotnet-isolated", worker["description"]!["language"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(published.Directory, "extensions.json")));
        Assert.NotEmpty(System.IO.Directory.GetFiles(Path.Combine(published.Directory, ".azurefunctions"), "*.dll"));
    }

    [Fact]
    public void The_published_app_carries_nothing_of_the_standalone_host_nor_the_account_pages()
    {
        var files = System.IO.Directory.GetFiles(published.Directory, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(published.Directory, file))
            .ToList();

        Assert.True(File.Exists(Path.Combine(published.Directory, "AccountAccess.Functions.dll")));
        Assert.DoesNotContain(files, file => file.Contains("StandaloneHost", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, file => Path.GetFileName(file).StartsWith("NCrontab", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, file => file.StartsWith("web" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    [Fact]
    public void The_published_app_carries_no_durable_client_of_its_own_only_the_host_s()
    {
        // The Durable Task Framework's Azure Storage provider is the standalone host's; the app reaches the task hub only
        // through the [DurableClient] the Functions host binds (its own extension, in .azurefunctions/, carries one).
        Assert.False(File.Exists(Path.Combine(published.Directory, "DurableTask.AzureStorage.dll")));
        Assert.True(File.Exists(Path.Combine(published.Directory, "Microsoft.DurableTask.Client.Grpc.dll")));
    }

    [Fact]
    public void Every_setting_a_trigger_names_is_in_the_local_settings_sample_and_set_by_the_bicep()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var bicep = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "modules", "functionapp.bicep"));
        var settings = published.Functions.SelectMany(f => f["bindings"]!.AsArray())
            .SelectMany(b => new[] { b!["schedule"]?.GetValue<string>(), b["connection"]?.GetValue<string>() })
            .OfType<string>()
            .Select(value => Setting().Match(value) is { Success: true } match ? match.Groups["name"].Value : value)
            .Distinct()
            .ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, setting =>
        {
            Assert.True(sample.ContainsKey(setting), $"local.settings.sample.json lacks {setting}");
            Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), bicep, StringComparison.Ordinal);
        });
    }

    private static JsonNode Trigger(JsonNode function) =>
        function["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;

    private static string Describe(JsonNode trigger) => trigger["type"]!.GetValue<string>() switch
    {
        "httpTrigger" => $"http {string.Join(',', trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))} {trigger["route"]}",
        "timerTrigger" => $"timer {trigger["schedule"]}",
        "queueTrigger" => $"queue {trigger["queueName"]} {trigger["connection"]}",
        "orchestrationTrigger" => "orchestration",
        "activityTrigger" => "activity",
        var other => other,
    };

    private static string Describe(FunctionTrigger trigger) => trigger switch
    {
        FunctionTrigger.Http http => $"http {string.Join(',', http.Methods)} {http.Route}",
        FunctionTrigger.Timer timer => $"timer {timer.Schedule}",
        FunctionTrigger.Queue queue => $"queue {queue.QueueName} {queue.Connection}",
        FunctionTrigger.Orchestration => "orchestration",
        FunctionTrigger.Activity => "activity",
        _ => trigger.ToString(),
    };

    [GeneratedRegex("^%(?<name>[^%]+)%$")]
    private static partial Regex Setting();

    /// <summary>The app published once for the class, as an operator publishes it (from the build the tests run).</summary>
    public sealed class PublishedApp : IAsyncLifetime
    {
        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "published-app-" + Guid.NewGuid().ToString("N"));

        public IReadOnlyList<JsonNode> Functions { get; private set; } = [];

        public JsonNode Function(string name) => Functions.Single(f => f["name"]!.GetValue<string>() == name);

        public async Task InitializeAsync()
        {
            using var publish = ChildProcess.Start("dotnet", [
                "publish", Path.Combine(RepositoryPaths.Root, "src", "AccountAccess.Functions"),
                "-c", RepositoryPaths.Configuration, "--no-build", "-o", Directory, "-nologo"]);
            var exitCode = await publish.WaitForExitAsync(TimeSpan.FromMinutes(3));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish exited with {exitCode}:\n{publish.Output}");
            }

            Functions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "functions.metadata")))!.AsArray().Select(f => f!).ToList();
        }

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }
}
