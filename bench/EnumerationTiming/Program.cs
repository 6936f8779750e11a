using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Bench.Shared;

// Asks the same anonymous question of known and unknown logins, interleaved one by one (so both meet the same machine
// load), and reports each kind's latency: median, p90, p99, and the difference of the medians: what an attacker timing
// the answers to find which accounts exist would see (OWASP: the answer must not take longer for an account that exists).
// --flow forgot-password (the default): POST /api/password/forgot. --flow sign-in: POST /api/auth/login with a wrong
// password (401 invalid_credentials either way; the known accounts' policy allows 20 failures, so none locks).
// --flow locked: accounts locked for too many attempts, asked with the right password and with a wrong one (both 401
// invalid_credentials: the lock checks no password, and must not say by its time whether a guess was right).
// A benchmark, not a test: it passes or fails on nothing. Options: --url, --operator-key (from run-enumeration-timing.sh),
// --flow, --requests N per kind (200), --users N known accounts to spread the requests over (20), --warmup N (20).
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
var url = new Uri(options.GetValueOrDefault("url") ?? throw new ArgumentException("--url is required"));
var operatorKey = options.GetValueOrDefault("operator-key") ?? throw new ArgumentException("--operator-key is required");
var requests = OptionValues.Positive("requests", options.GetValueOrDefault("requests", "200"));
var users = OptionValues.Positive("users", options.GetValueOrDefault("users", "20"));
var warmup = OptionValues.Positive("warmup", options.GetValueOrDefault("warmup", "20"));
var flow = options.GetValueOrDefault("flow", "forgot-password");
if (flow is not ("forgot-password" or "sign-in" or "locked"))
{
    throw new ArgumentException($"--flow must be forgot-password, sign-in or locked (was {flow})");
}

if (flow == "sign-in" && (requests + warmup + users - 1) / users >= 20)
{
    throw new ArgumentException("--flow sign-in: more than 19 wrong passwords per account would lock it; raise --users");
}

using var http = AppClient.Create(url, TimeSpan.FromSeconds(30));
if (!await AppClient.IsHealthyAsync(http))
{
    return 1;
}

var api = new OperatorApi(http, operatorKey);
var runId = Guid.NewGuid().ToString("N")[..6];
var maxFailedAttempts = flow == "locked" ? 1 : 20;
var organizationId = (await api.CreateAsync("api/organizations", new { name = $"Enumeration timing {runId}", policy = new { passwordMaxAgeDays = 0, maxFailedAttempts } })).GetProperty("id").GetString()!;
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

if (flow == "locked")
{
    // One wrong password each locks them (maxFailedAttempts 1).
    foreach (var login in known)
    {
        using var locking = await http.PostAsJsonAsync("api/auth/login", new { login, password = "Not-The-Password-2026", portal = "employee" });
    }
}

// For --flow locked, "known" asks a locked account with its right password and "unknown" the same accounts with a wrong one.
async Task<double> AskAsync(string login)
{
    var rightOnLocked = flow == "locked" && !login.StartsWith("nobody-", StringComparison.Ordinal);
    var lockedLogin = flow == "locked" && !rightOnLocked ? known[(login.GetHashCode() & int.MaxValue) % users] : login;
    var (route, body, expected) = flow is "sign-in" or "locked"
        ? ("api/auth/login", (object)new { login = lockedLogin, password = rightOnLocked ? "Timing-Passphrase-2026" : "Not-The-Password-2026", portal = "employee" }, HttpStatusCode.Unauthorized)
        : ("api/password/forgot", new { login }, HttpStatusCode.Accepted);
    var clock = Stopwatch.StartNew();
    using var answer = await http.PostAsJsonAsync(route, body);
    clock.Stop();
    if (answer.StatusCode != expected)
    {
        throw new InvalidOperationException($"{flow} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    return clock.Elapsed.TotalMilliseconds;
}

for (var i = 0; i < warmup; i++)
{
    await AskAsync(known[i % users]);
    await AskAsync($"nobody-{runId}-w{i}");
}

var knownMs = new List<double>();
var unknownMs = new List<double>();
for (var i = 0; i < requests; i++)
{
    // Alternate which goes first, so neither kind always follows the other.
    if (i % 2 == 0)
    {
        knownMs.Add(await AskAsync(known[i % users]));
        unknownMs.Add(await AskAsync($"nobody-{runId}-{i}@timing.example"));
    }
    else
    {
        unknownMs.Add(await AskAsync($"nobody-{runId}-{i}@timing.example"));
        knownMs.Add(await AskAsync(known[i % users]));
    }
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

Console.WriteLine($"===== {flow} timing summary =====");
Console.WriteLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
Console.WriteLine($"machine       {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine(flow == "locked"
    ? $"requests      {requests} right and {requests} wrong passwords on {users} locked accounts, interleaved, one at a time, after {warmup} of each to warm up"
    : $"requests      {requests} known ({users} accounts) and {requests} unknown, interleaved, one at a time, after {warmup} of each to warm up");
var (knownName, unknownName) = flow == "locked" ? ("right", "wrong") : ("known", "unknown");
foreach (var (name, values) in new[] { (knownName, knownMs), (unknownName, unknownMs) })
{
    Console.WriteLine($"{name,-13} p50 {Percentile(values, 0.5):0.00} ms  p90 {Percentile(values, 0.9):0.00} ms  p99 {Percentile(values, 0.99):0.00} ms  mean {values.Average():0.00} ms");
}

Console.WriteLine($"difference    median {knownName} - median {unknownName} = {Percentile(knownMs, 0.5) - Percentile(unknownMs, 0.5):+0.00;-0.00} ms");
Console.WriteLine($"load average  {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("==========================================");
return 0;
