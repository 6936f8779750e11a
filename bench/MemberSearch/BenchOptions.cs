using Bench.Shared;

namespace MemberSearch;

/// <summary>The command line of the driver. Every option has a default fit for a 2-core developer machine.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        MemberSearch --url http://127.0.0.1:7071 --operator-key KEY [options]

          --url URL                    base URL of the running app (default http://127.0.0.1:7071)
          --operator-key KEY           X-Operator-Key for provisioning and every request (default: env Operator__ApiKey)
          --members N                  members of the one organization searched (default 10000)
          --provision-concurrency C    user creations in flight while provisioning (default 8)
          --requests R                 requests per measured query, one at a time (default 200)
          --patches P                  PATCHes of each kind, alternated, one at a time (default 200)
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:7071");
    public string OperatorKey { get; init; } = Environment.GetEnvironmentVariable("Operator__ApiKey") ?? "";
    public int Members { get; init; } = 10_000;
    public int ProvisionConcurrency { get; init; } = 8;
    public int Requests { get; init; } = 200;
    public int Patches { get; init; } = 200;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--url" => options with { Url = new Uri(Value().TrimEnd('/') + "/") },
                "--operator-key" => options with { OperatorKey = Value() },
                "--members" => options with { Members = OptionValues.Positive(name, Value()) },
                "--provision-concurrency" => options with { ProvisionConcurrency = OptionValues.Positive(name, Value()) },
                "--requests" => options with { Requests = OptionValues.Positive(name, Value()) },
                "--patches" => options with { Patches = OptionValues.Positive(name, Value()) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return options.OperatorKey.Length == 0
            ? throw new ArgumentException("--operator-key (or env Operator__ApiKey) is required")
            : options;
    }
}
