using Bench.Shared;
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
using var http = AppClient.Create(options.Url, TimeSpan.FromMinutes(2));
if (!await AppClient.IsHealthyAsync(http))
{
    return 1;
}

var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
var password = $"Sturdy-Lantern-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
var provisioningConcurrency = Math.Min(options.Concurrencies.Max(), 8);
Console.WriteLine($"Provisioning 1 organization, 1 unit and {options.Users} employees (run {runId}) ...");
var provisioningClock = System.Diagnostics.Stopwatch.StartNew();
var logins = await new Provisioning(new OperatorApi(http, options.OperatorKey)).CreateEmployeesAsync(runId, password, options.Users, provisioningConcurrency);
Console.WriteLine($"  done in {provisioningClock.Elapsed.TotalSeconds:F1} s");

// The pure hash rate is measured while the app is idle (app, Azurite and driver share the cores during a phase):
// before the first phase and after each one. A phase is compared with the mean of the measurements just before and
// just after it, so a shared machine whose capacity drifts skews the comparison as little as possible.
var measureHashes = options.HashDuration > TimeSpan.Zero;
var hashes = new List<HashRate>();
if (measureHashes)
{
    hashes.Add(HashRate.Measure(options, "before the first phase"));
}

var phase = new SignInPhase(http, logins, password);
var report = new System.Text.StringBuilder();
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
    var loadBefore = LoadAverage();
    var cpuBefore = CpuUse.Read(options.Watched);
    var result = await phase.RunAsync(concurrency, options.SignIns is null ? options.PhaseDuration : null, options.SignIns);
    var cpu = CpuUse.Between(cpuBefore, CpuUse.Read(options.Watched));
    var loadAfter = LoadAverage();
    failed += result.Failed;

    HashRate? reference = null;
    if (measureHashes)
    {
        var before = hashes[^1];
        var after = HashRate.Measure(options, $"after the concurrency-{concurrency} phase");
        hashes.Add(after);
        reference = new HashRate((before.PerSecond + after.PerSecond) / 2, (before.CpuPerHash + after.CpuPerHash) / 2);
    }

    var described = result.Describe(reference?.PerSecond, reference?.CpuPerHash, cpu) +
        $"  load average    {loadBefore} before, {loadAfter} after (1, 5, 15 min; more than {Environment.ProcessorCount} means other work competed)\n";
    Console.Write(described);
    report.Append(described);
}

Console.WriteLine();
Console.WriteLine("===== sign-in load summary =====");
Console.WriteLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
Console.WriteLine($"machine       {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"app           {options.Url}  ({options.Users} employees signed in round-robin, " +
    (options.SignIns is { } total ? $"{total} sign-ins" : $"{options.PhaseDuration.TotalSeconds:F0} s") + " per concurrency)");
Console.WriteLine(hashes.Count > 0
    ? $"pure hash     {string.Join(", ", hashes.Select(h => h.PerSecond.ToString("F2")))} hashes/s (before the first phase, then after each); " +
      $"{string.Join(", ", hashes.Select(h => h.CpuPerHash.TotalMilliseconds.ToString("F1")))} ms CPU per hash\n" +
      $"              (PasswordHasher<object> PBKDF2, {options.HashIterations} iterations, {Environment.ProcessorCount} threads x {options.HashDuration.TotalSeconds:F0} s, app idle)"
    : "pure hash     not measured (--hash-seconds 0)");
Console.Write(report);
Console.WriteLine("================================");
return failed == 0 ? 0 : 1;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
