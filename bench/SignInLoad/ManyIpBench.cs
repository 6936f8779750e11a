using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bench.Shared;

namespace SignInLoad;

/// <summary>
/// The many-IP attack (issue 23): while credential stuffing comes from <c>--attack-ips</c> loopback addresses at
/// <c>--attack-multiple</c> times the pure hash rate, people sign in with the right password — on a trusted device, from
/// an address that signed them in before, or from a new address each time — at AccountAccess and, in the same run, at the
/// Identity baseline. Each kind of person is its own group of employees (the attack guesses their logins too, so a group
/// locked out in one phase does not spoil the next). Reports legitimate sign-ins/s against the pure hash rate, p50/p99,
/// the 429s, and how many holders were kept out by a lock.
/// </summary>
internal static class ManyIpBench
{
    public static async Task<int> RunAsync(LoadOptions options, HttpClient http, HttpClient? compare)
    {
        var c = CultureInfo.InvariantCulture;
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var password = $"Sturdy-Lantern-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var kinds = options.Legitimate;
        var perGroup = Math.Max(1, options.Users / kinds.Count);
        Console.WriteLine($"Provisioning {kinds.Count} groups of {perGroup} employees (maxFailedAttempts {options.MaxFailedAttempts}, run {runId}) ...");
        var operatorApi = new OperatorApi(http, options.OperatorKey);
        var provisioning = new Provisioning(operatorApi);
        var logins = await provisioning.CreateEmployeesAsync(runId, password, perGroup * kinds.Count, 4, options.MaxFailedAttempts);
        var groups = kinds.Select((kind, g) => (Kind: kind, Logins: logins.Skip(g * perGroup).Take(perGroup).ToList())).ToList();
        var targets = new List<(string Name, Uri Url, bool Ours)> { ("accountaccess", http.BaseAddress!, true) };
        if (compare is not null)
        {
            foreach (var batch in logins.Chunk(1000))
            {
                using var seeded = await compare.PostAsJsonAsync("api/bench/users", new { logins = batch, password });
                seeded.EnsureSuccessStatusCode();
            }

            targets.Add(("identity", compare.BaseAddress!, false));
        }

        var hashes = new List<HashRate> { HashRate.Measure(options, "before the attack") };
        var attackRate = options.AttackMultiple * hashes[0].PerSecond;
        var concurrency = options.Concurrencies[0];
        var rows = new List<(string Target, LegitimateKind Kind, int People, LegitimateResult Legitimate, AttackResult Attack)>();
        var quietRates = new Dictionary<string, double>();
        var report = new StringBuilder();
        foreach (var target in targets)
        {
            var people = groups.Select(g => (g.Kind, g.Logins, SignIns: new LegitimateSignIns(target.Url, g.Logins, password))).ToList();
            Console.WriteLine($"{target.Name}: every employee signs in once from its own address before the attack ...");
            foreach (var group in people)
            {
                await group.SignIns.WarmUpAsync(concurrency);
            }

            // The peer in the same run: the same people signing in with nothing else going on.
            Console.WriteLine($"{target.Name}, no attack: {concurrency} at a time for {options.PhaseDuration.TotalSeconds:F0} s ...");
            var quiet = await people[0].SignIns.RunAsync(people[0].Kind, concurrency, options.PhaseDuration);
            quietRates[target.Name] = quiet.Throughput;
            var quietText = string.Create(c, $"[{target.Name}] no attack, {Describe(people[0].Kind)}, concurrency {concurrency}: {quiet.Throughput:F2} sign-ins/s  p50 {quiet.Percentile(50):F0} ms  p99 {quiet.Percentile(99):F0} ms\n");
            Console.Write(quietText);
            report.Append(quietText);

            // One sustained attack per app, on every group's logins: it starts a while before the first phase is measured,
            // so that each phase sees the attack as it goes on, not its first seconds.
            using var attack = new ManyIpAttack(target.Url, options.AttackIps, attackRate, options.AttackKnownShare);
            using var stopAttack = new CancellationTokenSource();
            var attackClock = System.Diagnostics.Stopwatch.StartNew();
            var attacking = attack.RunAsync(logins, stopAttack.Token);
            Console.WriteLine($"{target.Name}: attack of {attackRate:F0} guesses/s from {attack.Addresses} addresses, {options.AttackWarmup.TotalSeconds:F0} s before the first phase ...");
            await Task.Delay(options.AttackWarmup);
            foreach (var group in people)
            {
                Console.WriteLine($"{target.Name}, {Describe(group.Kind)}: {concurrency} at a time for {options.PhaseDuration.TotalSeconds:F0} s under the attack ...");
                var loadBefore = LoadAverage();
                var cpuBefore = CpuUse.Read(options.Watched);
                var attackBefore = attack.Snapshot(attackClock.Elapsed);
                var legitimate = await group.SignIns.RunAsync(group.Kind, concurrency, options.PhaseDuration);
                var attacked = attack.Snapshot(attackClock.Elapsed).Since(attackBefore);
                var cpu = CpuUse.Between(cpuBefore, CpuUse.Read(options.Watched));
                var locked = target.Ours ? await LockedAsync(operatorApi, group.Logins.Select(l => provisioning.Ids[l])) : (int?)null;
                var text = new StringBuilder();
                text.AppendLine(c, $"[{target.Name}] {Describe(group.Kind)}, concurrency {concurrency}: {legitimate.Samples.Count} sign-ins in {legitimate.Elapsed.TotalSeconds:F1} s");
                var refusals = legitimate.Refusals.Count == 0 ? "none"
                    : string.Join(", ", legitimate.Refusals.OrderBy(r => r.Key).Select(r => $"{(r.Key == 0 ? "no answer" : r.Key.ToString(c))} x{r.Value}"));
                var lockedAtEnd = locked is { } n ? string.Create(c, $" (accounts locked at the end: {n})") : "";
                text.AppendLine(string.Create(c, $"  legitimate      {legitimate.Throughput:F2} sign-ins/s  p50 {legitimate.Percentile(50):F0} ms  p99 {legitimate.Percentile(99):F0} ms; ") +
                    $"refused: {refusals}; holders kept out by a lock: {legitimate.HoldersKeptOut} of {group.Logins.Count}{lockedAtEnd}");
                text.AppendLine(attacked.Describe());
                foreach (var use in cpu)
                {
                    text.AppendLine(c, $"  cpu {use.Name,-11} {use.Seconds:F1} s = {100 * use.Seconds / (legitimate.Elapsed.TotalSeconds * Environment.ProcessorCount):F0} % of the {Environment.ProcessorCount} cores");
                }

                text.AppendLine(c, $"  load average    {loadBefore} before, {LoadAverage()} after (1, 5, 15 min; more than {Environment.ProcessorCount} means other work competed)");
                Console.Write(text);
                report.Append(text);
                rows.Add((target.Name, group.Kind, group.Logins.Count, legitimate, attacked));
            }

            await stopAttack.CancelAsync();
            await attacking;
            var total = attack.Snapshot(attackClock.Elapsed);
            Console.WriteLine($"{target.Name}: attack stopped after {total.Sent} guesses; {total.Statuses.GetValueOrDefault(-1)} given up unanswered");

            foreach (var group in people)
            {
                group.SignIns.Dispose();
            }

            hashes.Add(HashRate.Measure(options, $"after the {target.Name} phases"));
        }

        var hashRate = hashes.Average(h => h.PerSecond);
        Console.WriteLine();
        Console.WriteLine("===== many-IP attack summary =====");
        Console.WriteLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
        Console.WriteLine($"machine       {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"pure hash     {string.Join(", ", hashes.Select(h => h.PerSecond.ToString("F2", c)))} hashes/s (before, then after each app's phases; mean {hashRate:F2})");
        Console.WriteLine($"attack        {options.AttackIps} addresses (127.1.x.y), {attackRate:F0} guesses/s = {options.AttackMultiple} x the first hash rate, {100 * options.AttackKnownShare:F0} % on the employees' logins with wrong passwords");
        Console.Write(report);
        Console.WriteLine();
        Console.WriteLine("legitimate sign-ins under attack: per second, as a fraction of the pure hash rate and of the same app's rate with no attack, p50/p99 ms, 429s, holders kept out; the attack's guesses sent, checked (401/403), shed (429)");
        Console.WriteLine("  app            people                           per s  / hash / quiet  p50/p99 ms    429s  kept out     sent  checked    shed");
        foreach (var (target, kind, people, legitimate, attacked) in rows)
        {
            Console.WriteLine(string.Create(c, $"  {target,-13}  {Describe(kind),-30}  {legitimate.Throughput,6:F2}  {legitimate.Throughput / hashRate,6:F3} {legitimate.Throughput / quietRates[target],6:F3}  " +
                $"{legitimate.Percentile(50),6:F0}/{legitimate.Percentile(99),-6:F0}  {legitimate.Shed,5}  {legitimate.HoldersKeptOut,3} of {people,-3}  " +
                $"{attacked.Sent,6}  {attacked.Checked,7}  {attacked.Shed,6}"));
        }

        Console.WriteLine("==================================");
        return 0;
    }

    private static string Describe(LegitimateKind kind) => kind switch
    {
        LegitimateKind.Trusted => "with a device token",
        LegitimateKind.Untrusted => "without, from a known address",
        _ => "without, from a new address",
    };

    /// <summary>How many of the users <paramref name="ids"/> AccountAccess shows deactivated now (the operator's view).</summary>
    private static async Task<int> LockedAsync(OperatorApi api, IEnumerable<string> ids)
    {
        var locked = 0;
        foreach (var id in ids)
        {
            var (_, user) = await api.SendAsync(HttpMethod.Get, $"api/users/{id}");
            if (JsonDocument.Parse(user).RootElement.TryGetProperty("deactivation", out var deactivation) && deactivation.ValueKind == JsonValueKind.Object)
            {
                locked++;
            }
        }

        return locked;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
