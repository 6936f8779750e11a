using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SignInLoad;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

// Figures are printed with a dot for decimals wherever this runs, so they paste into the README as they are.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var http = new HttpClient(new SocketsHttpHandler
{
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    MaxConnectionsPerServer = int.MaxValue,
})
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromMinutes(2),
};

using (var health = await http.GetAsync("api/health"))
{
    if (!health.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"GET /api/health answered {(int)health.StatusCode}: is the app running at {options.Url}?");
        return 1;
    }
}

// Measured while the app is idle (app, Azurite and driver share the cores once the load starts): before the load,
// and again after it, because a shared machine's capacity can drift; sign-in throughput is compared with their mean.
HashRate? hashBefore = null;
if (options.HashDuration > TimeSpan.Zero)
{
    hashBefore = HashRate.Measure(options, "before the load");
}

var loadBefore = LoadAverage();
var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
var password = $"Sturdy-Lantern-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
var provisioningConcurrency = Math.Min(options.Concurrencies.Max(), 8);
Console.WriteLine($"Provisioning 1 organization, 1 unit and {options.Users} employees (run {runId}) ...");
var provisioningClock = System.Diagnostics.Stopwatch.StartNew();
var logins = await new Provisioning(http, options.OperatorKey).CreateEmployeesAsync(runId, password, options.Users, provisioningConcurrency);
Console.WriteLine($"  done in {provisioningClock.Elapsed.TotalSeconds:F1} s");

var phase = new SignInPhase(http, logins, password);
var results = new List<(PhaseResult Result, IReadOnlyList<CpuUse> Cpu)>();
var failed = 0;
foreach (var concurrency in options.Concurrencies)
{
    var warmup = options.Warmup ?? Math.Max(20, 2 * concurrency);
    if (warmup > 0)
    {
        var warm = await phase.RunAsync(concurrency, duration: null, count: warmup);
        if (warm.Failed > 0)
        {
            Console.Error.WriteLine(warm.Describe(null, null, []));
            return 1;
        }
    }

    Console.WriteLine(options.SignIns is { } n
        ? $"Concurrency {concurrency}: {n} sign-ins ..."
        : $"Concurrency {concurrency}: signing in for {options.PhaseDuration.TotalSeconds:F0} s ...");
    var cpuBefore = CpuUse.Read(options.Watched);
    var result = await phase.RunAsync(concurrency, options.SignIns is null ? options.PhaseDuration : null, options.SignIns);
    var cpu = CpuUse.Between(cpuBefore, CpuUse.Read(options.Watched));
    results.Add((result, cpu));
    Console.Write(result.Describe(hashBefore?.PerSecond, hashBefore?.CpuPerHash, cpu));
    failed += result.Failed;
}

var loadAfter = LoadAverage();
var hashAfter = hashBefore is null ? null : HashRate.Measure(options, "after the load");
double? hashRate = hashBefore is null ? null : (hashBefore.PerSecond + hashAfter!.PerSecond) / 2;
TimeSpan? cpuPerHash = hashBefore is null ? null : (hashBefore.CpuPerHash + hashAfter!.CpuPerHash) / 2;

Console.WriteLine();
Console.WriteLine("===== sign-in load summary =====");
Console.WriteLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
Console.WriteLine($"machine       {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"app           {options.Url}  ({options.Users} employees signed in round-robin, " +
    (options.SignIns is { } total ? $"{total} sign-ins" : $"{options.PhaseDuration.TotalSeconds:F0} s") + " per concurrency)");
Console.WriteLine($"load average  {loadBefore} before the sign-ins, {loadAfter} after (other work on the machine shows here)");
Console.WriteLine(hashRate is { } r
    ? $"pure hash     {r:F2} hashes/s = mean of {hashBefore!.PerSecond:F2} before and {hashAfter!.PerSecond:F2} after the load; {cpuPerHash!.Value.TotalMilliseconds:F1} ms CPU per hash\n" +
      $"              (PasswordHasher<object> PBKDF2, {options.HashIterations} iterations, {Environment.ProcessorCount} threads x {options.HashDuration.TotalSeconds:F0} s, app idle)"
    : "pure hash     not measured (--hash-seconds 0)");
foreach (var (result, cpu) in results)
{
    Console.Write(result.Describe(hashRate, cpuPerHash, cpu));
}

Console.WriteLine("================================");
return failed == 0 ? 0 : 1;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
