using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// The real app, started as its own process (exactly as `dotnet run` would) against a real Azurite, spoken to over
/// HTTP. Settings go in as environment variables, the way an operator configures it.
/// </summary>
public sealed partial class RunningApp : IAsyncDisposable
{
    public const string OperatorKey = "test-operator-key";

    /// <summary>The secret the test billing system signs its webhook events with.</summary>
    public const string BillingSecret = "test-billing-webhook-secret";

    private readonly Dictionary<string, string?> environment;
    private ChildProcess? process;
    private int port;

    private RunningApp(Dictionary<string, string?> environment) => this.environment = environment;

    public Uri BaseAddress { get; private set; } = null!;

    public string Output => process?.Output ?? string.Empty;

    /// <summary>Settings every test app gets: fast timers, round-trip counting, a high IP rate limit.</summary>
    public static IReadOnlyDictionary<string, string?> DefaultSettings { get; } = new Dictionary<string, string?>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Operator__ApiKey"] = OperatorKey,
        ["Billing__WebhookSecret"] = BillingSecret,
        ["Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Diagnostics__StorageRoundTripsHeader"] = "true",
        ["RateLimits__SignInPerIpPerMinute"] = "100000",
        // Every test signs in from loopback, many with wrong passwords on purpose: FailedSignInLimitTests lowers it.
        ["RateLimits__FailedSignInsPerIpPerMinute"] = "10000",
        // Likewise for the service-wide budget of untrusted failures: CredentialStuffingTests lowers it.
        ["RateLimits__UntrustedFailedSignInsPerMinute"] = "1000000",
        ["Lockouts__SweepSchedule"] = "* * * * * *",
        ["Lockouts__DurationOverride"] = "00:00:02",
        ["Triggers__LocalPollInterval"] = "00:00:00.200",
        // host.json polls the task hub's queues every 2 s when idle; tests wait less (the Functions host's override).
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.500",
        // A message a killed process had taken comes back after this (host.json: a minute), for the crash tests.
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:05",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:05",
        // Once a year (midnight, 1 January): the shared app's timer must not send kits to, and so change, the pending
        // users other tests arrange and compare. Welcome-kit tests run the timer themselves or set their own schedule.
        ["WelcomeKits__Schedule"] = "0 0 0 1 1 *",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>
    /// Starts the app; on <paramref name="port"/> when given (pages whose origin must be known before, as a passkey's is),
    /// else on a port it picks.
    /// </summary>
    public static async Task<RunningApp> StartAsync(IReadOnlyDictionary<string, string?>? overrides = null, string? connectionString = null, int? port = null)
    {
        var environment = new Dictionary<string, string?>(DefaultSettings)
        {
            ["Storage__ConnectionString"] = connectionString ?? (await AzuriteServer.SharedAsync()).ConnectionString,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var app = new RunningApp(environment) { port = port ?? 0 };
        await app.StartProcessAsync();
        return app;
    }

    /// <summary>Kills the process at once (no graceful shutdown), as a crashed instance would die.</summary>
    public void Kill() => process?.Kill();

    /// <summary>Asks the app to stop (SIGTERM) and gives how long it took to end, failing after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        process!.Terminate();
        await process.WaitForExitAsync(timeout);
        return started.Elapsed;
    }

    /// <summary>Starts the app again with the same settings.</summary>
    public Task RestartAsync()
    {
        process?.Dispose();
        return StartProcessAsync();
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync()
    {
        process?.Dispose();
        await Task.CompletedTask;
    }

    private async Task StartProcessAsync()
    {
        if (!File.Exists(RepositoryPaths.StandaloneHost))
        {
            throw new InvalidOperationException($"The app is not built at {RepositoryPaths.StandaloneHost}.");
        }

        process = ChildProcess.Start("dotnet", [RepositoryPaths.StandaloneHost, "--urls", $"http://127.0.0.1:{port}"], environment);
        var listening = await process.WaitForLineAsync(ListeningLine(), TimeSpan.FromSeconds(60));
        BaseAddress = new Uri(listening.Groups[1].Value);

        using var client = CreateClient();
        for (var attempt = 0; ; attempt++)
        {
            var health = await client.GetAsync("/api/health");
            if (health.IsSuccessStatusCode)
            {
                return;
            }

            if (attempt > 100)
            {
                throw new InvalidOperationException($"The app never became healthy: {await health.Content.ReadAsStringAsync()}\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
