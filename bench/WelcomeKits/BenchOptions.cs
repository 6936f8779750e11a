using Bench.Shared;
using System.Globalization;

namespace WelcomeKits;

/// <summary>The command line of the driver. Every option has a default fit for a 2-core developer machine.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        WelcomeKits --url http://127.0.0.1:7071 --operator-key KEY --pickup DIR [options]

          --url URL                    base URL of the running app (default http://127.0.0.1:7071)
          --operator-key KEY           X-Operator-Key for provisioning and the batch (default: env Operator__ApiKey)
          --pickup DIR                 the app's Email:PickupDirectory (default: env Email__PickupDirectory)
          --users N                    users provisioned pending activation, then sent a kit each (default 10000)
          --provision-concurrency C    user creations in flight while provisioning (default 8)
          --poll-ms MS                 how often the pickup folder is listed (default 200)
          --settle-seconds S           how long to keep watching after the last email, for duplicates (default 5)
          --stall-seconds S            give up when no new email came for that long (default 180; Azurite can pause for a minute or more)
          --timeout-seconds S          give up that long after the request whatever happens (default 900)
          --watch NAME=PID             also report the CPU time of that process (repeatable)
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:7071");
    public string OperatorKey { get; init; } = Environment.GetEnvironmentVariable("Operator__ApiKey") ?? "";
    public string Pickup { get; init; } = Environment.GetEnvironmentVariable("Email__PickupDirectory") ?? "";
    public int Users { get; init; } = 10_000;
    public int ProvisionConcurrency { get; init; } = 8;
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(180);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(900);
    public IReadOnlyList<(string Name, int Pid)> Watched { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var watched = new List<(string, int)>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--url" => options with { Url = new Uri(Value().TrimEnd('/') + "/") },
                "--operator-key" => options with { OperatorKey = Value() },
                "--pickup" => options with { Pickup = Value() },
                "--users" => options with { Users = OptionValues.Positive(name, Value()) },
                "--provision-concurrency" => options with { ProvisionConcurrency = OptionValues.Positive(name, Value()) },
                "--poll-ms" => options with { Poll = TimeSpan.FromMilliseconds(OptionValues.Positive(name, Value())) },
                "--settle-seconds" => options with { Settle = TimeSpan.FromSeconds(OptionValues.Positive(name, Value())) },
                "--stall-seconds" => options with { Stall = TimeSpan.FromSeconds(OptionValues.Positive(name, Value())) },
                "--timeout-seconds" => options with { Timeout = TimeSpan.FromSeconds(OptionValues.Positive(name, Value())) },
                "--watch" => Watch(options, OptionValues.Watched(Value()), watched),
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        if (options.OperatorKey.Length == 0)
        {
            throw new ArgumentException("--operator-key (or env Operator__ApiKey) is required");
        }

        if (options.Pickup.Length == 0)
        {
            throw new ArgumentException("--pickup (or env Email__PickupDirectory) is required");
        }

        return options with { Watched = watched };
    }

    private static BenchOptions Watch(BenchOptions options, (string Name, int Pid) process, List<(string, int)> watched)
    {
        watched.Add(process);
        return options;
    }
}
