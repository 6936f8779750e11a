using System.Globalization;

namespace WorkflowTimers;

/// <summary>Command-line options; see bench/README.md.</summary>
internal sealed record BenchOptions
{
    public int Timers { get; init; } = 10_000;

    public string? ConnectionString { get; init; }

    public string? AzuritePath { get; init; }

    /// <summary>From the first start to the instant T every timer falls due.</summary>
    public TimeSpan Lead { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Starting must end at least this long before T, or the run is refused (raise --lead).</summary>
    public TimeSpan Margin { get; init; } = TimeSpan.FromSeconds(5);

    public int StartConcurrency { get; init; } = 32;

    /// <summary>From T: give up if not all timers ran by then.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary><c>local</c>: the standalone host's real QueueTriggers. <c>tunable</c>: the bench-only experiment runner.</summary>
    public string Runner { get; init; } = "local";

    public int Pollers { get; init; } = 1;

    public int Batch { get; init; } = 32;

    public int Parallelism { get; init; } = 16;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Starts the instances before the runner, on storage where the timer queue does not exist yet (first use).</summary>
    public bool Cold { get; init; }

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
                "--timers" => options with { Timers = Int() },
                "--connection-string" => options with { ConnectionString = Next() },
                "--azurite" => options with { AzuritePath = Next() },
                "--lead" => options with { Lead = Seconds() },
                "--margin" => options with { Margin = Seconds() },
                "--start-concurrency" => options with { StartConcurrency = Int() },
                "--timeout" => options with { Timeout = Seconds() },
                "--runner" => options with { Runner = Next() },
                "--pollers" => options with { Pollers = Int() },
                "--batch" => options with { Batch = Int() },
                "--parallelism" => options with { Parallelism = Int() },
                "--poll-interval" => options with { PollInterval = Seconds() },
                "--cold" => options with { Cold = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}. See bench/README.md."),
            };
        }

        if (options.Runner is not ("local" or "tunable"))
        {
            throw new ArgumentException("--runner is local or tunable.");
        }

        if (options.Runner == "local" && (options.Pollers != 1 || options.Batch != 32 || options.Parallelism != 16 || options.PollInterval != TimeSpan.FromSeconds(2)))
        {
            throw new ArgumentException("--pollers, --batch, --parallelism and --poll-interval need --runner tunable (the real runner takes them from host.json).");
        }

        if (options.Batch is < 1 or > 32)
        {
            throw new ArgumentException("--batch is 1 to 32 (an Azure queue receive takes at most 32 messages).");
        }

        return options;
    }

    public string Describe() => Runner == "local"
        ? "QueueTriggers (the standalone host's: 1 poller, host.json batchSize per receive and in parallel, 2 s idle poll)"
        : $"TunableQueueRunner (bench-only experiment: {Pollers} poller(s), {Batch} per receive, {Parallelism} in parallel per batch, {PollInterval.TotalSeconds:0.###} s idle poll)";
}
