using Bench.Shared;
using System.Globalization;

namespace SignInLoad;

/// <summary>The command line of the driver. Every option has a default fit for a 2-core developer machine.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        SignInLoad --url http://127.0.0.1:7071 --operator-key KEY [options]

          --url URL               base URL of the running app (default http://127.0.0.1:7071)
          --operator-key KEY      X-Operator-Key for provisioning (default: env Operator__ApiKey)
          --users N               employees provisioned and signed in round-robin (default 200)
          --concurrency C[,C...]  sign-ins in flight; a list runs one phase per value (default 8)
          --duration SECONDS      length of each measured phase (default 30)
          --sign-ins N            instead of --duration: sign-ins per measured phase
          --warmup N              unmeasured sign-ins before each phase (default the larger of 20 and 2 x concurrency)
          --hash-seconds S        length of each reference hash-rate measurement (before the first phase and after
                          each one, the app idle); 0 skips them (default 10)
          --hash-iterations N     PBKDF2 iterations of the reference hash (default 210000, as the app)
          --watch NAME=PID        also report the CPU time of that process during each phase (repeatable)
          --compare-url URL       also sign the same users in, phase by phase, at the ASP.NET Core Identity baseline
                          running there (bench/IdentityBaseline), and print the ratios side by side
          --attack                during every phase, a second client sprays unknown logins from one IP as fast as
                          it can (the app's per-IP limit should shed them); the users sign in from IPs of their own
          --attack-concurrency N  the spraying client's requests in flight (default 4)
          --many-ip-attack        instead of the phases above: credential stuffing from many loopback addresses while
                          people sign in with the right password, one phase per kind of person (below), at the
                          app and at --compare-url; uses the first --concurrency, --duration, --users
          --attack-ips N          the attack's source addresses, 127.1.x.y (default 1000)
          --attack-multiple M     the attack's guesses per second, as a multiple of the pure hash rate (default 10)
          --attack-known-share F  the share of guesses on the employees' logins, with wrong passwords (default 0.1)
          --legitimate K[,K...]   the people of each phase: trusted (a device token), untrusted (no token, from an
                          address that signed them in before), fresh (no token, a new address each time)
                          (default trusted,untrusted,fresh)
          --attack-warmup S       seconds of attack before the first measured phase of each app (default 20)
          --max-failed-attempts N the organization's lockout threshold (default 20; 6, the policy's default, with
                          --many-ip-attack)
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:7071");
    public string OperatorKey { get; init; } = Environment.GetEnvironmentVariable("Operator__ApiKey") ?? "";
    public int Users { get; init; } = 200;
    public IReadOnlyList<int> Concurrencies { get; init; } = [8];
    public TimeSpan? Duration { get; init; }
    public int? SignIns { get; init; }
    public int? Warmup { get; init; }
    public TimeSpan HashDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int HashIterations { get; init; } = 210_000;
    public IReadOnlyList<(string Name, int Pid)> Watched { get; init; } = [];
    public Uri? CompareUrl { get; init; }
    public bool Attack { get; init; }
    public int AttackConcurrency { get; init; } = 4;
    public bool ManyIpAttack { get; init; }
    public int AttackIps { get; init; } = 1000;
    public double AttackMultiple { get; init; } = 10;
    public double AttackKnownShare { get; init; } = 0.1;
    public IReadOnlyList<LegitimateKind> Legitimate { get; init; } = [LegitimateKind.Trusted, LegitimateKind.Untrusted, LegitimateKind.Fresh];
    public int? MaxFailedAttemptsOption { get; init; }
    public TimeSpan AttackWarmup { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The organization's lockout threshold: as given, else the policy's maximum (20), or its default (6) under the many-IP attack.</summary>
    public int MaxFailedAttempts => MaxFailedAttemptsOption ?? (ManyIpAttack ? 6 : 20);

    /// <summary>How long or how many: a duration unless a number of sign-ins was given.</summary>
    public TimeSpan PhaseDuration => Duration ?? TimeSpan.FromSeconds(30);

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        var watched = new List<(string, int)>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--url" => options with { Url = new Uri(Value().TrimEnd('/') + "/") },
                "--operator-key" => options with { OperatorKey = Value() },
                "--users" => options with { Users = OptionValues.Positive(name, Value()) },
                "--concurrency" => options with { Concurrencies = Value().Split(',').Select(c => OptionValues.Positive(name, c)).ToList() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(OptionValues.Positive(name, Value())) },
                "--sign-ins" => options with { SignIns = OptionValues.Positive(name, Value()) },
                "--warmup" => options with { Warmup = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--hash-seconds" => options with { HashDuration = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--hash-iterations" => options with { HashIterations = OptionValues.Positive(name, Value()) },
                "--watch" => Watch(options, OptionValues.Watched(Value()), watched),
                "--compare-url" => options with { CompareUrl = new Uri(Value().TrimEnd('/') + "/") },
                "--attack" => options with { Attack = true },
                "--attack-concurrency" => options with { AttackConcurrency = OptionValues.Positive(name, Value()) },
                "--many-ip-attack" => options with { ManyIpAttack = true },
                "--attack-ips" => options with { AttackIps = Math.Min(OptionValues.Positive(name, Value()), 60_000) },
                "--attack-multiple" => options with { AttackMultiple = Fraction(name, Value(), max: 100) },
                "--attack-known-share" => options with { AttackKnownShare = Fraction(name, Value(), max: 1) },
                "--legitimate" => options with { Legitimate = Value().Split(',').Select(k => Enum.Parse<LegitimateKind>(k, ignoreCase: true)).Distinct().ToList() },
                "--attack-warmup" => options with { AttackWarmup = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--max-failed-attempts" => options with { MaxFailedAttemptsOption = OptionValues.Positive(name, Value()) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        if (options.OperatorKey.Length == 0)
        {
            throw new ArgumentException("--operator-key (or env Operator__ApiKey) is required");
        }

        if (options.Duration is not null && options.SignIns is not null)
        {
            throw new ArgumentException("give --duration or --sign-ins, not both");
        }

        return options with { Watched = watched };
    }

    private static double Fraction(string name, string value, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= max
            ? number
            : throw new ArgumentException($"{name} must be a number above 0 and at most {max.ToString(CultureInfo.InvariantCulture)}");

    private static LoadOptions Watch(LoadOptions options, (string Name, int Pid) process, List<(string, int)> watched)
    {
        watched.Add(process);
        return options;
    }
}
