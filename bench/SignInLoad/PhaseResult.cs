using System.Globalization;
using System.Text;

namespace SignInLoad;

/// <summary>The figures of one measured phase.</summary>
internal sealed record PhaseResult(int Concurrency, TimeSpan Elapsed, IReadOnlyList<Sample> Samples, IReadOnlyDictionary<string, int> Errors)
{
    public int SignIns => Samples.Count;

    public int Failed => Samples.Count(s => !s.Ok);

    /// <summary>Successful sign-ins per second.</summary>
    public double Throughput => (SignIns - Failed) / Elapsed.TotalSeconds;

    /// <param name="hashingProcess">The watched process that verifies the hashes ("app", or "identity" for the baseline).</param>
    /// <param name="roundTrips">Whether the app reports its storage round trips (AccountAccess does; the baseline does not).</param>
    /// <param name="noun">What one request of the phase is: <c>sign-in</c>, or <c>refresh</c> (no hash: the hash lines are left out).</param>
    public string Describe(double? hashRate, TimeSpan? cpuPerHash, IReadOnlyList<CpuUse> cpu, string hashingProcess = "app", bool roundTrips = true, string noun = "sign-in")
    {
        var nouns = noun == "refresh" ? "refreshes" : noun + "s";
        var latencies = Samples.Select(s => s.Latency.TotalMilliseconds).Order().ToArray();
        var trips = Samples.Where(s => s.Ok && s.StorageRoundTrips is not null).Select(s => s.StorageRoundTrips!.Value).ToList();
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"concurrency {Concurrency}: {SignIns} {nouns} in {Elapsed.TotalSeconds:F1} s, {Failed} errors");
        text.AppendLine(c, $"  throughput      {Throughput:F2} {nouns}/s{(hashRate is { } rate ? string.Create(c, $"  = {100 * Throughput / rate:F1} % of the pure hash rate around it ({rate:F2} hashes/s)") : "")}");
        if (latencies.Length > 0)
        {
            text.AppendLine(c, $"  latency ms      p50 {Percentile(latencies, 50):F1}  p90 {Percentile(latencies, 90):F1}  " +
                $"p99 {Percentile(latencies, 99):F1}  max {latencies[^1]:F1}");
        }

        if (roundTrips)
        {
            text.AppendLine(trips.Count == 0
                ? "  storage trips   no X-Storage-Round-Trips header (start the app with Diagnostics__StorageRoundTripsHeader=true)"
                : string.Create(c, $"  storage trips   per successful {noun}: min {trips.Min()}  avg {trips.Average():F2}  max {trips.Max()}  " +
                    $"({string.Join(", ", trips.GroupBy(t => t).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))})"));
        }

        foreach (var use in cpu)
        {
            var perSignIn = SignIns > 0 ? string.Create(c, $"  ({1000 * use.Seconds / SignIns:F1} ms per {noun})") : "";
            text.AppendLine(c, $"  cpu {use.Name,-11} {use.Seconds:F1} s = {100 * use.Seconds / (Elapsed.TotalSeconds * Environment.ProcessorCount):F0} % of the {Environment.ProcessorCount} cores{perSignIn}");
            if (use.Name == hashingProcess && cpuPerHash is { } hashCpu && SignIns > 0 && use.Seconds > 0)
            {
                // How much of the app's CPU is the unavoidable hash, the rest being HTTP, JSON, storage client, token.
                text.AppendLine(c, $"                  one hash costs {hashCpu.TotalMilliseconds:F1} ms of CPU: {100 * hashCpu.TotalSeconds * SignIns / use.Seconds:F0} % of the app's CPU is hashing");
            }
        }

        if (cpuPerHash is { } perHash && SignIns > 0 && cpu.Count > 1 && cpu.All(u => !double.IsNaN(u.Seconds)))
        {
            // Independent of other work on the machine: what a sign-in costs all the processes involved, against a hash.
            var perSignIn = cpu.Sum(u => u.Seconds) / SignIns;
            text.AppendLine(c, $"  cpu ceiling     a sign-in costs {1000 * perSignIn:F1} ms of CPU in {string.Join(" + ", cpu.Select(u => u.Name))}; " +
                $"on otherwise idle cores throughput could reach {100 * perHash.TotalSeconds / perSignIn:F0} % of the hash rate");
        }

        foreach (var (what, count) in Errors.OrderByDescending(e => e.Value).Take(5))
        {
            text.AppendLine(c, $"  error x{count}: {what}");
        }

        return text.ToString();
    }

    /// <summary>The latency percentile <paramref name="p"/> of the phase, in milliseconds.</summary>
    public double Percentile(double p) =>
        Samples.Count == 0 ? double.NaN : Percentile(Samples.Select(s => s.Latency.TotalMilliseconds).Order().ToArray(), p);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
