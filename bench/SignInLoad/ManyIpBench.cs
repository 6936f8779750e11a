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
/// <c>--attack-multiple</c> times the machine's hash capacity, people sign in with the right password — on a trusted
/// device, from an address that signed them in before, or from a new address each time — at AccountAccess and, in the
/// same run, at the Identity baseline. Each kind of person is its own group of employees (the attack guesses their logins
/// too, so a group locked out in one phase does not spoil the next). The two apps take turns, kind by kind, so that both
/// meet the same load from the rest of the machine. Reports legitimate sign-ins/s against the pure hash rate and against
/// the same app with no attack, p50/p99, the 429s, and how many holders were kept out by a lock.
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
        var targets = new List<Target> { new("accountaccess", http.BaseAddress!, true) };
        if (compare is not null)
        {
            foreach (var batch in logins.Chunk(1000))
            {
                using var seeded = await compare.PostAsJsonAsync("api/bench/users", new { logins = batch, password });
                seeded.EnsureSuccessStatusCode();
            }

            targets.Add(new("identity", compare.BaseAddress!, false));
        }

        var concurrency = options.Concurrencies[0];
        var groups = kinds.Select((kind, g) => (Kind: kind, Logins: (IReadOnlyList<string>)logins.Skip(g * perGroup).Take(perGroup).ToList())).ToList();
        var report = new StringBuilder();
        var quietRates = new Dictionary<string, double>();
        foreach (var target in targets)
        {
            foreach (var (kind, groupLogins) in groups)
            {
                target.People[kind] = new LegitimateSignIns(target.Url, groupLogins, password);
            }

            // "Before the attack": every employee signs in once from its own address (its device token, its address known).
            Console.WriteLine($"{target.Name}: every employee signs in once from its own address ...");
            foreach (var people in target.People.Values)
            {
                await people.WarmUpAsync(concurrency);
            }

            // The peer in the same run: the same people signing in with nothing else going on.
            var quiet = await target.People[kinds[0]].RunAsync(kinds[0], concurrency, options.PhaseDuration);
            quietRates[target.Name] = quiet.Throughput;
            var quietText = string.Create(c, $"[{target.Name}] no attack, {Describe(kinds[0])}, concurrency {concurrency}: {quiet.Throughput:F2} sign-ins/s  p50 {quiet.Percentile(50):F0} ms  p99 {quiet.Percentile(99):F0} ms\n");
            Console.Write(quietText);
            report.Append(quietText);
        }

        // Ten times what the cores can hash, from the CPU one hash costs (which other work on the machine barely moves).
        var hashes = new List<HashRate> { HashRate.Measure(options, "before the attack") };
        var capacity = Environment.ProcessorCount / hashes[0].CpuPerHash.TotalSeconds;
        var attackRate = options.AttackMultiple * capacity;
        var rows = new List<(string Target, LegitimateKind Kind, int People, LegitimateResult Legitimate, AttackResult Attack, double HashRate)>();
        foreach (var (kind, groupLogins) in groups)
        {
            var phaseRows = new List<(string Target, LegitimateKind Kind, int People, LegitimateResult Legitimate, AttackResult Attack)>();
            foreach (var target in targets)
            {
                phaseRows.Add(await AttackedPhaseAsync(target, kind, groupLogins));
            }

            hashes.Add(HashRate.Measure(options, $"after the {Describe(kind)} phases"));
            var around = (hashes[^2].PerSecond + hashes[^1].PerSecond) / 2;
            rows.AddRange(phaseRows.Select(r => (r.Target, r.Kind, r.People, r.Legitimate, r.Attack, around)));
        }

        foreach (var people in targets.SelectMany(t => t.People.Values))
        {
            people.Dispose();
        }

        Console.WriteLine();
        Console.WriteLine("===== many-IP attack summary =====");
        Console.WriteLine($"date          {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
        Console.WriteLine($"machine       {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"pure hash     {string.Join(", ", hashes.Select(h => h.PerSecond.ToString("F2", c)))} hashes/s (before the attack, then after each kind's phases); " +
            $"{hashes[0].CpuPerHash.TotalMilliseconds:F1} ms CPU per hash, so {capacity:F1} hashes/s on idle cores");
        Console.WriteLine($"attack        {options.AttackIps} addresses (127.1.x.y), {attackRate:F0} guesses/s = {options.AttackMultiple} x that capacity, {100 * options.AttackKnownShare:F0} % on the employees' logins with wrong passwords, " +
            $"{options.AttackWarmup.TotalSeconds:F0} s before each measured phase");
        Console.Write(report);
        Console.WriteLine();
        Console.WriteLine("legitimate sign-ins under attack: per second, as a fraction of the pure hash rate around the phase and of the same app's rate with no attack, p50/p99 ms, 429s, holders kept out; the attack's guesses sent, checked (401/403), shed (429)");
        Console.WriteLine("  app            people                           per s  / hash / quiet  p50/p99 ms    429s  kept out     sent  checked    shed");
        foreach (var (target, kind, people, legitimate, attacked, hashRate) in rows)
        {
            Console.WriteLine(string.Create(c, $"  {target,-13}  {Describe(kind),-30}  {legitimate.Throughput,6:F2}  {legitimate.Throughput / hashRate,6:F3} {legitimate.Throughput / quietRates[target],6:F3}  " +
                $"{legitimate.Percentile(50),6:F0}/{legitimate.Percentile(99),-6:F0}  {legitimate.Shed,5}  {legitimate.HoldersKeptOut,3} of {people,-3}  " +
                $"{attacked.Sent,6}  {attacked.Checked,7}  {attacked.Shed,6}"));
        }

        Console.WriteLine("==================================");
        return 0;

        // A sustained attack on one app, on every group's logins, started a while before the phase is measured so that the
        // phase sees the attack as it goes on, not its first seconds; stopped after the phase (what it still awaits is
        // given up, and the app drops it).
        async Task<(string, LegitimateKind, int, LegitimateResult, AttackResult)> AttackedPhaseAsync(Target target, LegitimateKind kind, IReadOnlyList<string> groupLogins)
        {
            using var attack = new ManyIpAttack(target.Url, options.AttackIps, attackRate, options.AttackKnownShare);
            using var stopAttack = new CancellationTokenSource();
            var attackClock = System.Diagnostics.Stopwatch.StartNew();
            var attacking = attack.RunAsync(logins, stopAttack.Token);
            Console.WriteLine($"{target.Name}, {Describe(kind)}: {options.AttackWarmup.TotalSeconds:F0} s of attack ({attackRate:F0} guesses/s from {attack.Addresses} addresses), then {concurrency} at a time for {options.PhaseDuration.TotalSeconds:F0} s ...");
            await Task.Delay(options.AttackWarmup);
            var loadBefore = LoadAverage();
            var cpuBefore = CpuUse.Read(options.Watched);
            var attackBefore = attack.Snapshot(attackClock.Elapsed);
            var legitimate = await target.People[kind].RunAsync(kind, concurrency, options.PhaseDuration);
            var attacked = attack.Snapshot(attackClock.Elapsed).Since(attackBefore);
            var cpu = CpuUse.Between(cpuBefore, CpuUse.Read(options.Watched));
            await stopAttack.CancelAsync();
            await attacking;
            var locked = target.Ours ? await LockedAsync(operatorApi, groupLogins.Select(l => provisioning.Ids[l])) : (int?)null;

            var text = new StringBuilder();
            text.AppendLine(c, $"[{target.Name}] {Describe(kind)}, concurrency {concurrency}: {legitimate.Samples.Count} sign-ins in {legitimate.Elapsed.TotalSeconds:F1} s");
            var refusals = legitimate.Refusals.Count == 0 ? "none"
                : string.Join(", ", legitimate.Refusals.OrderBy(r => r.Key).Select(r => $"{(r.Key == 0 ? "no answer" : r.Key.ToString(c))} x{r.Value}"));
            var lockedAtEnd = locked is { } n ? string.Create(c, $" (accounts locked at the end: {n})") : "";
            text.AppendLine(string.Create(c, $"  legitimate      {legitimate.Throughput:F2} sign-ins/s  p50 {legitimate.Percentile(50):F0} ms  p99 {legitimate.Percentile(99):F0} ms; ") +
                $"refused: {refusals}; holders kept out by a lock: {legitimate.HoldersKeptOut} of {groupLogins.Count}{lockedAtEnd}");
            text.AppendLine(attacked.Describe());
            foreach (var use in cpu)
            {
                text.AppendLine(c, $"  cpu {use.Name,-11} {use.Seconds:F1} s = {100 * use.Seconds / (legitimate.Elapsed.TotalSeconds * Environment.ProcessorCount):F0} % of the {Environment.ProcessorCount} cores");
            }

            text.AppendLine(c, $"  load average    {loadBefore} before, {LoadAverage()} after (1, 5, 15 min; more than {Environment.ProcessorCount} means other work competed)");
            Console.Write(text);
            report.Append(text);
            return (target.Name, kind, groupLogins.Count, legitimate, attacked);
        }
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

    /// <summary>An app the people sign in at, with one set of people per kind.</summary>
    private sealed record Target(string Name, Uri Url, bool Ours)
    {
        public Dictionary<LegitimateKind, LegitimateSignIns> People { get; } = [];
    }
}
