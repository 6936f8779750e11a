using Bench.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using SignInLoad;
using WelcomeKits;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// Figures are printed with a dot for decimals wherever this runs, so they paste into docs/contributor.md
// ("Benchmarks") and bench/README.md as they are.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var http = AppClient.Create(options.Url, TimeSpan.FromMinutes(5));
if (!await AppClient.IsHealthyAsync(http))
{
    return 1;
}

// ---- Provisioning (not measured) ----
var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
Console.WriteLine($"Provisioning 1 organization, 1 unit and {options.Users} users pending activation (run {runId}, " +
    $"{options.ProvisionConcurrency} in flight) ...");
var api = new OperatorApi(http, options.OperatorKey);
var provisioning = new Provisioning(api);
var provisioningClock = Stopwatch.StartNew();
var provisioned = await provisioning.CreatePendingUsersAsync(runId, options.Users, options.ProvisionConcurrency);
var provisioningTime = provisioningClock.Elapsed;
var statuses = string.Join(", ", provisioned.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"));
Console.WriteLine($"  done in {provisioningTime.TotalSeconds:F1} s ({options.Users / provisioningTime.TotalSeconds:F0} users/s; status {statuses})");

var recipients = new Dictionary<string, List<Email>>(StringComparer.OrdinalIgnoreCase);
foreach (var email in provisioned.Emails)
{
    recipients[email] = [];
}

var watcher = new PickupWatcher(options.Pickup);
var baseline = watcher.Baseline();
var baselineOurs = baseline.Count(e => recipients.ContainsKey(e.To));
Console.WriteLine($"  pickup folder: {baseline.Count} .eml before the batch ({baselineOurs} to these users), ignored");

// ---- Measured: the batch request, then every email it sends ----
var loadBefore = LoadAverage();
var cpuBefore = CpuUse.Read(options.Watched);
Console.WriteLine($"POST /api/organizations/{provisioned.OrganizationId}/welcome-kits ...");
var requestUtc = DateTime.UtcNow;
var clock = Stopwatch.StartNew();

// The folder is watched while the request runs: the app may send the first kits before it answers.
var request = TimedAsync(api, clock, $"api/organizations/{provisioned.OrganizationId}/welcome-kits");
TimeSpan? answerLatency = null;
var queued = 0;
var skipped = 0;
var skippedReasons = new Dictionary<string, int>();
var others = new List<Email>();
var covered = 0;
var lastNew = TimeSpan.Zero;
TimeSpan? allSeenAt = null;
IReadOnlyList<CpuUse>? cpuAtAll = null;
string? loadAtAll = null;
var nextProgress = TimeSpan.FromSeconds(5);
var ending = "every user got a kit, then nothing new for the settle time";
while (true)
{
    await (answerLatency is null ? Task.WhenAny(request, Task.Delay(options.Poll)) : Task.Delay(options.Poll));
    if (answerLatency is null && request.IsCompleted)
    {
        var (status, body, latency) = await request;
        if (status != HttpStatusCode.Accepted)
        {
            Console.Error.WriteLine($"The batch answered {(int)status} in {latency.TotalMilliseconds:F0} ms: {body}");
            return 1;
        }

        using var answer = JsonDocument.Parse(body);
        queued = answer.RootElement.GetProperty("queued").GetInt32();
        skippedReasons = answer.RootElement.GetProperty("skipped").EnumerateArray()
            .GroupBy(s => s.TryGetProperty("reason", out var r) ? r.GetString() ?? "?" : "?")
            .ToDictionary(g => g.Key, g => g.Count());
        skipped = skippedReasons.Values.Sum();
        answerLatency = latency;
        Console.WriteLine($"  202 in {latency.TotalMilliseconds:F0} ms: queued {queued}, skipped {skipped}");
    }

    var now = clock.Elapsed;
    var found = watcher.Poll(requestUtc, now);
    foreach (var email in found)
    {
        if (recipients.TryGetValue(email.To, out var list))
        {
            list.Add(email);
            if (list.Count == 1)
            {
                covered++;
            }
        }
        else
        {
            others.Add(email);
        }
    }

    if (found.Count > 0)
    {
        lastNew = now;
    }

    if (allSeenAt is null && covered == options.Users)
    {
        allSeenAt = now;
        cpuAtAll = CpuUse.Read(options.Watched);
        loadAtAll = LoadAverage();
        Console.WriteLine($"  +{now.TotalSeconds:F1} s: all {options.Users} users have a kit; watching {options.Settle.TotalSeconds:F0} s more for duplicates ...");
    }

    if (now >= nextProgress)
    {
        if (allSeenAt is null)
        {
            Console.WriteLine($"  +{now.TotalSeconds:F1} s: {covered} of {options.Users} users have a kit");
        }

        nextProgress += TimeSpan.FromSeconds(5);
    }

    if (answerLatency is null)
    {
        continue;
    }

    if (allSeenAt is not null && now - lastNew >= options.Settle)
    {
        break;
    }

    if (allSeenAt is null && now - lastNew >= options.Stall)
    {
        ending = $"gave up: no new email for {options.Stall.TotalSeconds:F0} s";
        break;
    }

    if (now >= options.Timeout)
    {
        ending = $"gave up: {options.Timeout.TotalSeconds:F0} s after the request";
        break;
    }
}

var watchedFor = clock.Elapsed;
var cpuEnd = CpuUse.Read(options.Watched);
var loadAfter = LoadAverage();

// ---- Figures ----
var firsts = recipients.Values.Where(l => l.Count > 0).Select(l => l.Min(e => e.WrittenAfter)).OrderBy(t => t).ToList();
var missing = recipients.Count(r => r.Value.Count == 0);
var twice = recipients.Count(r => r.Value.Count > 1);
var extra = recipients.Values.Sum(l => Math.Max(0, l.Count - 1));
var all = recipients.Values.SelectMany(l => l).ToList();

Console.WriteLine();
Console.WriteLine("===== welcome-kit batch summary =====");
Console.WriteLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
Console.WriteLine($"machine       {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"app           {options.Url}  (run {runId}, organization {provisioned.OrganizationId})");
Console.WriteLine($"provisioning  {options.Users} users without password ({statuses}) in {provisioningTime.TotalSeconds:F1} s = " +
    $"{options.Users / provisioningTime.TotalSeconds:F0} users/s, {options.ProvisionConcurrency} in flight (not part of the figures below)");
Console.WriteLine($"batch         POST .../welcome-kits at {requestUtc:HH:mm:ss.fff}Z answered 202 in {answerLatency!.Value.TotalMilliseconds:F0} ms: queued {queued}, skipped {skipped}" +
    (skipped > 0 ? $" ({string.Join(", ", skippedReasons.Select(s => $"{s.Key} {s.Value}"))})" : ""));
if (firsts.Count > 0)
{
    var last = firsts[^1];
    var first = firsts[0];
    var span = (last - first).TotalSeconds;
    Console.WriteLine($"{(missing == 0 ? "all sent" : "sent"),-13} {firsts.Count} of {options.Users}: the last .eml written {last.TotalSeconds:F2} s after the request = " +
        $"{firsts.Count / last.TotalSeconds:F0} emails/s (first at +{first.TotalSeconds:F2} s; " +
        (span > 0 ? $"{(firsts.Count - 1) / span:F0} emails/s from first to last)" : "one email)"));
    Console.WriteLine($"target        all {options.Users} within 60 s of the request, none twice: " +
        (missing == 0 && twice == 0 && last <= TimeSpan.FromSeconds(60) ? "met" : "not met"));
    Console.WriteLine($"written s     p50 {Percentile(firsts, 0.50):F2}  p90 {Percentile(firsts, 0.90):F2}  p99 {Percentile(firsts, 0.99):F2}  max {last.TotalSeconds:F2}  (first kit of each user, after the request)");
    var buckets = firsts.GroupBy(t => (int)(t.TotalSeconds / 5)).OrderBy(g => g.Key).Select(g => $"{g.Key * 5}-{g.Key * 5 + 5}s:{g.Count()}");
    Console.WriteLine($"per 5 s       {string.Join("  ", buckets)}");
    if (all.Count > 0)
    {
        var lag = all.Select(e => (e.SeenAfter - e.WrittenAfter).TotalSeconds).Order().ToList();
        Console.WriteLine($"noticed       a poll every {options.Poll.TotalMilliseconds:F0} ms saw each .eml {lag.Average():F2} s (max {lag[^1]:F2} s) after it was written" +
            (allSeenAt is { } seenAt ? $"; all seen at +{seenAt.TotalSeconds:F2} s" : ""));
    }
}
else
{
    Console.WriteLine($"sent          none of {options.Users}");
}

Console.WriteLine($"recipients    {options.Users - missing} of {options.Users} users got a kit: {missing} with no email, {twice} with more than one ({extra} extra emails); " +
    $"{others.Count} emails to other addresses");
Console.WriteLine($"watched       {watchedFor.TotalSeconds:F1} s after the request" +
    (allSeenAt is { } s2 ? $", {(watchedFor - s2).TotalSeconds:F1} s after every user had one" : "") + $" ({ending})");
var until = cpuAtAll ?? cpuEnd;
var window = (allSeenAt ?? watchedFor).TotalSeconds;
var cpu = CpuUse.Between(cpuBefore, until);
var emails = Math.Max(1, firsts.Count);
Console.WriteLine($"cpu           {string.Join(", ", cpu.Select(c => $"{c.Name} {c.Seconds:F1} s"))} from the request to {(allSeenAt is null ? "the end" : "the last email")} ({window:F1} s)" +
    $" = {cpu.Sum(c => double.IsNaN(c.Seconds) ? 0 : c.Seconds) / (window * Environment.ProcessorCount) * 100:F0} % of the {Environment.ProcessorCount} cores");
Console.WriteLine($"              per email: {string.Join(", ", cpu.Select(c => $"{c.Name} {c.Seconds * 1000 / emails:F2} ms"))}");

Console.WriteLine($"load average  {loadBefore} before, {loadAtAll ?? "n/a"} at the last email, {loadAfter} at the end " +
    $"(1, 5, 15 min; more than {Environment.ProcessorCount} means other work competed)");
Console.WriteLine("=====================================");

var ok = missing == 0 && twice == 0 && queued == options.Users;
if (!ok)
{
    Console.Error.WriteLine($"FAILED: {missing} users got no kit, {twice} got more than one, {queued} queued of {options.Users}.");
}

return ok ? 0 : 1;

static async Task<(HttpStatusCode Status, string Body, TimeSpan Latency)> TimedAsync(OperatorApi api, Stopwatch clock, string path)
{
    var (status, body) = await api.SendAsync(HttpMethod.Post, path);
    return (status, body, clock.Elapsed);
}

static double Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
    sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)].TotalSeconds;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
