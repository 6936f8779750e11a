using System.Globalization;

namespace DurableTimers;

/// <summary>Command-line options; see bench/README.md.</summary>
internal sealed record BenchOptions
{
    public int Orchestrations { get; init; } = 10_000;

    public string? ConnectionString { get; init; }

    public string? AzuritePath { get; init; }

    /// <summary>From the first start to the instant T every timer falls due; by default 30 s + 6 ms per orchestration.</summary>
    public TimeSpan? Lead { get; init; }

    /// <summary>Every timer must be set at least this long before T, or the run is refused (raise --lead).</summary>
    public TimeSpan Margin { get; init; } = TimeSpan.FromSeconds(5);

    public int StartConcurrency { get; init; } = 32;

    /// <summary>Instances run end to end (timer due at once) before the measured ones: the engine up, its partitions owned, the JIT warm.</summary>
    public int Warmup { get; init; } = 16;

    /// <summary>From T: give up if not every instance has completed by then.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Once every instance has completed, how long to wait at most for the hub's queues to be empty (no redelivery left).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>host.json overrides below <c>extensions:durableTask</c> (<c>storageProvider:partitionCount=8</c>), the way the Functions host takes them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>Count storage requests from the Azure SDK's event source (costs the bench a little CPU).</summary>
    public bool CountRequests { get; init; } = true;

    public TimeSpan EffectiveLead => Lead ?? TimeSpan.FromSeconds(30 + 0.006 * Orchestrations);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            TimeSpan Seconds() => TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
            options = args[i] switch
            {
                "--orchestrations" => options with { Orchestrations = Int() },
                "--connection-string" => options with { ConnectionString = Next() },
                "--azurite" => options with { AzuritePath = Next() },
                "--lead" => options with { Lead = Seconds() },
                "--margin" => options with { Margin = Seconds() },
                "--start-concurrency" => options with { StartConcurrency = Int() },
                "--warmup" => options with { Warmup = Int() },
                "--timeout" => options with { Timeout = Seconds() },
                "--drain-timeout" => options with { DrainTimeout = Seconds() },
                "--set" => options with { Settings = [.. options.Settings, Setting(Next())] },
                "--no-request-count" => options with { CountRequests = false },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --orchestrations N, --lead S, --margin S, --start-concurrency C, "
                    + "--warmup N, --timeout S, --drain-timeout S, --set NAME=VALUE (host.json below extensions:durableTask), --no-request-count, "
                    + "--azurite PATH, --connection-string CS. See bench/README.md."),
            };
        }

        if (options.Orchestrations < 1 || options.StartConcurrency < 1 || options.Warmup < 0)
        {
            throw new ArgumentException("--orchestrations and --start-concurrency are at least 1, --warmup at least 0.");
        }

        return options;
    }

    private static KeyValuePair<string, string> Setting(string text)
    {
        var equals = text.IndexOf('=');
        return equals > 0
            ? new(text[..equals].Replace("__", ":", StringComparison.Ordinal), text[(equals + 1)..])
            : throw new ArgumentException($"--set {text}: NAME=VALUE, NAME below host.json's extensions:durableTask (storageProvider:partitionCount=8).");
    }
}
