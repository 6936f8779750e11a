using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Bench.Shared;

// Sends forgot-password for known and unknown logins, interleaved one by one (so both meet the same machine load), and
// reports each kind's latency: median, p90, p99, and the difference of the medians. A benchmark, not a test: it passes or
// fails on nothing. Options: --url, --operator-key (from run-forgot-password-timing.sh), --requests N per kind (200),
// --users N known accounts to spread the requests over (20), --warmup N (20).
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
var url = new Uri(options.GetValueOrDefault("url") ?? throw new ArgumentException("--url is required"));
var operatorKey = options.GetValueOrDefault("operator-key") ?? throw new ArgumentException("--operator-key is required");
var requests = OptionValues.Positive("requests", options.GetValueOrDefault("requests", "200"));
var users = OptionValues.Positive("users", options.GetValueOrDefault("users", "20"));
var warmup = OptionValues.Positive("warmup", options.GetValueOrDefault("warmup", "20"));

using var http = AppClient.Create(url, TimeSpan.FromSeconds(30));
if (!await AppClient.IsHealthyAsync(http))
{
    return 1;
}

var api = new OperatorApi(http, operatorKey);
var runId = Guid.NewGuid().ToString("N")[..6];
var organizationId = (await api.CreateAsync("api/organizations", new { name = $"Forgot timing {runId}", policy = new { passwordMaxAgeDays = 0 } })).GetProperty("id").GetString()!;
var unitId = (await api.CreateAsync($"api/organizations/{organizationId}/units", new { name = "Timing unit" })).GetProperty("id").GetString()!;
var known = new string[users];
await OperatorApi.ForEachAsync(users, 4, async i =>
{
    known[i] = $"ft-{runId}-{i:D3}";
    await api.CreateAsync($"api/organizations/{organizationId}/users", new
    {
        username = known[i], displayName = $"Timing {i}", role = "employee", email = $"{known[i]}@timing.example",
        password = "Timing-Passphrase-2026", unitIds = new[] { unitId },
    });
});

async Task<double> ForgotAsync(string login)
{
    var clock = Stopwatch.StartNew();
    using var answer = await http.PostAsJsonAsync("api/password/forgot", new { login });
    clock.Stop();
    if (answer.StatusCode != HttpStatusCode.Accepted)
    {
        throw new InvalidOperationException($"forgot-password answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    return clock.Elapsed.TotalMilliseconds;
}

for (var i = 0; i < warmup; i++)
{
    await ForgotAsync(known[i % users]);
    await ForgotAsync($"nobody-{runId}-w{i}");
}

var knownMs = new List<double>();
var unknownMs = new List<double>();
for (var i = 0; i < requests; i++)
{
    // Alternate which goes first, so neither kind always follows the other.
    if (i % 2 == 0)
    {
        knownMs.Add(await ForgotAsync(known[i % users]));
        unknownMs.Add(await ForgotAsync($"nobody-{runId}-{i}@timing.example"));
    }
    else
    {
        unknownMs.Add(await ForgotAsync($"nobody-{runId}-{i}@timing.example"));
        knownMs.Add(await ForgotAsync(known[i % users]));
    }
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

Console.WriteLine("===== forgot-password timing summary =====");
Console.WriteLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
Console.WriteLine($"machine       {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"requests      {requests} known ({users} accounts) and {requests} unknown, interleaved, one at a time, after {warmup} of each to warm up");
foreach (var (name, values) in new[] { ("known", knownMs), ("unknown", unknownMs) })
{
    Console.WriteLine($"{name,-13} p50 {Percentile(values, 0.5):0.00} ms  p90 {Percentile(values, 0.9):0.00} ms  p99 {Percentile(values, 0.99):0.00} ms  mean {values.Average():0.00} ms");
}

Console.WriteLine($"difference    median known - median unknown = {Percentile(knownMs, 0.5) - Percentile(unknownMs, 0.5):+0.00;-0.00} ms");
Console.WriteLine($"load average  {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("==========================================");
return 0;
