namespace MemberSearch;

/// <summary>Latencies of one measured request kind, and the storage round trips the app reported for each.</summary>
internal sealed class Timings(string name)
{
    private readonly List<double> milliseconds = [];
    private readonly List<int> roundTrips = [];

    public string Name { get; } = name;

    public void Add(TimeSpan latency, int? storageRoundTrips)
    {
        milliseconds.Add(latency.TotalMilliseconds);
        if (storageRoundTrips is { } trips)
        {
            roundTrips.Add(trips);
        }
    }

    public double Percentile(double p)
    {
        var sorted = milliseconds.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string Line() =>
        $"{Name,-44} n={milliseconds.Count,4}  p50 {Percentile(50),7:F1} ms  p99 {Percentile(99),7:F1} ms  " +
        (roundTrips.Count == 0 ? "" : $"storage round trips {roundTrips.Average():F1} (min {roundTrips.Min()}, max {roundTrips.Max()})");
}
