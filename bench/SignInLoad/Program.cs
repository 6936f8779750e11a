using Bench.Shared;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Net.Http.Json;
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

// Figures are printed with a dot for decimals wherever this runs, so they paste into docs/contributor.md
// ("Benchmarks") and bench/README.md as they are.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var http = AppClient.Create(options.Url, TimeSpan.FromMinutes(2));
if (!await AppClient.IsHealthyAsync(http))
{
    return 1;
}

if (options.ManyIpAttack)
{
    using var baseline = options.CompareUrl is { } baselineUrl ? AppClient.Create(baselineUrl, TimeSpan.FromMinutes(2)) : null;
    if (baseline is not null && !await AppClient.IsHealthyAsync(baseline))
    {
        return 1;
    }

    return await ManyIpBench.RunAsync(options, http, baseline);
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

// The apps signed in at: AccountAccess, and with --compare-url the Identity baseline, seeded with the same users.
var targets = new List<Target> { new("accountaccess", http, new SignInPhase(http, logins, password, options.Attack)) };
HttpClient? compare = null;
if (options.CompareUrl is { } compareUrl)
{
    compare = AppClient.Create(compareUrl, TimeSpan.FromMinutes(2));
    if (!await AppClient.IsHealthyAsync(compare))
    {
        return 1;
    }

    foreach (var batch in logins.Chunk(1000))
    {
        using var seeded = await compare.PostAsJsonAsync("api/bench/users", new { logins = batch, password });
        seeded.EnsureSuccessStatusCode();
    }

    targets.Add(new Target("identity", compare, new SignInPhase(compare, logins, password, options.Attack)));
    Console.WriteLine($"  and the same {logins.Count} users at the Identity baseline ({compareUrl})");
}

var report = new System.Text.StringBuilder();
var sideBySide = new List<(int Concurrency, string Target, PhaseResult Result, double? HashRate)>();
var refreshes = new Dictionary<int, PhaseResult>();
var failed = 0;
foreach (var concurrency in options.Concurrencies)
{
    var measured = new List<(Target Target, PhaseResult Result, IReadOnlyList<CpuUse> Cpu, SprayResult? Spray, string LoadBefore, string LoadAfter)>();
    foreach (var target in targets)
    {
        var warmup = options.Warmup ?? Math.Max(20, 2 * concurrency);
        if (warmup > 0)
        {
            var warm = await target.Phase.RunAsync(concurrency, duration: null, count: warmup);
            if (warm.Failed > 0)
            {
                Console.Error.WriteLine($"{target.Name}: " + warm.Describe(null, null, []));
                return 1;
            }
        }

        Console.WriteLine(options.SignIns is { } n
            ? $"{target.Name}, concurrency {concurrency}: {n} sign-ins ..."
            : $"{target.Name}, concurrency {concurrency}: signing in for {options.PhaseDuration.TotalSeconds:F0} s{(options.Attack ? " under attack" : "")} ...");
        var loadBefore = LoadAverage();
        var cpuBefore = CpuUse.Read(options.Watched);
        using var stopAttack = new CancellationTokenSource();
        var attack = options.Attack ? new SprayAttack(target.Http, options.AttackConcurrency).RunAsync(stopAttack.Token) : null;
        var result = await target.Phase.RunAsync(concurrency, options.SignIns is null ? options.PhaseDuration : null, options.SignIns);
        await stopAttack.CancelAsync();
        var spray = attack is null ? null : await attack;
        var cpu = CpuUse.Between(cpuBefore, CpuUse.Read(options.Watched));
        measured.Add((target, result, cpu, spray, loadBefore, LoadAverage()));
        failed += result.Failed;
    }

    HashRate? reference = null;
    if (measureHashes)
    {
        var before = hashes[^1];
        var after = HashRate.Measure(options, $"after the concurrency-{concurrency} phases");
        hashes.Add(after);
        reference = new HashRate((before.PerSecond + after.PerSecond) / 2, (before.CpuPerHash + after.CpuPerHash) / 2);
    }

    foreach (var (target, result, cpu, spray, loadBefore, loadAfter) in measured)
    {
        var ours = target.Name == "accountaccess";
        var described = $"[{target.Name}] " + result.Describe(reference?.PerSecond, reference?.CpuPerHash, cpu, ours ? "app" : "identity", roundTrips: ours) +
            (spray is null ? "" : spray.Describe(result.Elapsed) + "\n") +
            $"  load average    {loadBefore} before, {loadAfter} after (1, 5, 15 min; more than {Environment.ProcessorCount} means other work competed)\n";
        Console.Write(described);
        report.Append(described);
        sideBySide.Add((concurrency, target.Name, result, reference?.PerSecond));
    }

    if (options.Refresh)
    {
        // After the hash measurement: a refresh costs no hash, so it is compared with the sign-ins beside it, not with the hash rate.
        Console.WriteLine(options.SignIns is { } n
            ? $"accountaccess refresh, concurrency {concurrency}: {n} refreshes ..."
            : $"accountaccess refresh, concurrency {concurrency}: refreshing for {options.PhaseDuration.TotalSeconds:F0} s ...");
        var loadBefore = LoadAverage();
        var cpuBefore = CpuUse.Read(options.Watched);
        var refreshed = await new RefreshPhase(http, logins, password).RunAsync(concurrency, options.SignIns is null ? options.PhaseDuration : null, options.SignIns);
        var cpu = CpuUse.Between(cpuBefore, CpuUse.Read(options.Watched));
        failed += refreshed.Failed;
        refreshes[concurrency] = refreshed;
        var described = "[accountaccess refresh] " + refreshed.Describe(null, null, cpu, noun: "refresh") +
            $"  load average    {loadBefore} before, {LoadAverage()} after (1, 5, 15 min; more than {Environment.ProcessorCount} means other work competed)\n";
        Console.Write(described);
        report.Append(described);
    }
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
if (targets.Count > 1)
{
    Console.WriteLine();
    Console.WriteLine($"side by side{(options.Attack ? ", under attack" : "")}: successful sign-ins/s, ratios, latency p50/p99 in ms");
    Console.WriteLine("  concurrency  accountaccess  identity  pure hash  ours/identity  ours/hash  identity/hash  ours p50/p99    identity p50/p99");
    foreach (var group in sideBySide.GroupBy(r => r.Concurrency))
    {
        var ours = group.Single(r => r.Target == "accountaccess");
        var identity = group.Single(r => r.Target == "identity");
        var hash = ours.HashRate ?? double.NaN;
        Console.WriteLine($"  {group.Key,11}  {ours.Result.Throughput,13:F2}  {identity.Result.Throughput,8:F2}  {hash,9:F2}  " +
            $"{ours.Result.Throughput / identity.Result.Throughput,13:F3}  {ours.Result.Throughput / hash,9:F3}  {identity.Result.Throughput / hash,13:F3}  " +
            $"{ours.Result.Percentile(50),6:F1}/{ours.Result.Percentile(99),-7:F1}  {identity.Result.Percentile(50),6:F1}/{identity.Result.Percentile(99):F1}");
    }
}

if (refreshes.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("refresh beside sign-in at AccountAccess: successful requests/s, latency p50/p99 in ms");
    Console.WriteLine("  concurrency  sign-ins/s  refreshes/s  refresh/sign-in  sign-in p50/p99  refresh p50/p99  refresh round trips avg");
    foreach (var (concurrency, refreshed) in refreshes)
    {
        var signIns = sideBySide.Single(r => r.Concurrency == concurrency && r.Target == "accountaccess").Result;
        var trips = refreshed.Samples.Where(s => s.Ok && s.StorageRoundTrips is not null).Select(s => (double)s.StorageRoundTrips!.Value).DefaultIfEmpty(double.NaN).Average();
        Console.WriteLine($"  {concurrency,11}  {signIns.Throughput,10:F2}  {refreshed.Throughput,11:F2}  {refreshed.Throughput / signIns.Throughput,15:F1}  " +
            $"{signIns.Percentile(50),7:F1}/{signIns.Percentile(99),-7:F1}  {refreshed.Percentile(50),7:F1}/{refreshed.Percentile(99),-7:F1}  {trips,23:F2}");
    }
}

Console.WriteLine("================================");
compare?.Dispose();
return failed == 0 ? 0 : 1;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

/// <summary>An app the load signs in at, by name: its client and its phase runner.</summary>
internal sealed record Target(string Name, HttpClient Http, SignInPhase Phase);
