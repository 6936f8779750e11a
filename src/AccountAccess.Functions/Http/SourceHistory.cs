namespace AccountAccess.Functions.Http;

/// <summary>
/// What this instance has seen of sign-ins lately, by source IP (arrivals, successes and failures over the last ten
/// minutes, in minute buckets) and service-wide (untrusted failures over the last minute, in ten-second buckets): the memory behind
/// the hash queue's order and the credential-stuffing budget. It knows nothing of accounts — an unknown login's failure
/// counts as a wrong password's — so nothing it drives tells whether an account exists. Bounded: beyond
/// <see cref="MaxSources"/> IPs, new ones are not remembered (they are <see cref="SourceStanding.New"/>).
/// </summary>
public sealed class SourceHistory(TimeProvider time)
{
    /// <summary>How far back an IP's sign-ins count towards its standing. Ten minutes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The most IPs remembered at once (about 100 bytes each). 100,000.</summary>
    public const int MaxSources = 100_000;

    private const int SourceBuckets = 10;
    private const int GlobalBuckets = 6;
    private static readonly TimeSpan SourceBucket = Window / SourceBuckets;
    private static readonly TimeSpan GlobalBucket = TimeSpan.FromMinutes(1) / GlobalBuckets;

    private readonly object gate = new();
    private readonly Dictionary<string, Counts> sources = new(StringComparer.Ordinal);
    private readonly long[] globalFailures = new long[GlobalBuckets];
    private readonly long[] globalBucketOf = new long[GlobalBuckets];
    private long lastSweep;

    /// <summary>
    /// Counts an untrusted sign-in from <paramref name="sourceIp"/> as it arrives, before any answer: the address is seen
    /// from now on (<see cref="SourceStanding.Unseen"/> no more), whether its request is then refused, hashed or given up.
    /// </summary>
    public void RecordArrival(string? sourceIp) => Record(sourceIp, Outcome.Arrival, untrusted: false);

    /// <summary>Counts a proven password from <paramref name="sourceIp"/>.</summary>
    public void RecordSuccess(string? sourceIp) => Record(sourceIp, Outcome.Success, untrusted: false);

    /// <summary>Counts a failed sign-in from <paramref name="sourceIp"/>; an untrusted one counts service-wide too.</summary>
    public void RecordFailure(string? sourceIp, bool untrusted) => Record(sourceIp, Outcome.Failure, untrusted);

    /// <summary>Untrusted failed sign-ins, service-wide (this instance), in the last minute.</summary>
    public long UntrustedFailuresLastMinute()
    {
        var bucket = Bucket(GlobalBucket);
        lock (gate)
        {
            long total = 0;
            for (var i = 0; i < GlobalBuckets; i++)
            {
                if (bucket - globalBucketOf[i] < GlobalBuckets)
                {
                    total += globalFailures[i];
                }
            }

            return total;
        }
    }

    /// <summary>How <paramref name="sourceIp"/> has fared in the last ten minutes.</summary>
    public SourceStanding StandingOf(string? sourceIp)
    {
        var bucket = Bucket(SourceBucket);
        lock (gate)
        {
            if (!sources.TryGetValue(sourceIp ?? "unknown", out var counts))
            {
                // Full, an address not remembered cannot be told from one of a flood's: only remembered ones are unseen.
                return sources.Count >= MaxSources ? SourceStanding.New : SourceStanding.Unseen;
            }

            // One typo is not suspicious; two failures more than successes are. The asking request's own arrival is one.
            var (successes, failures, arrivals) = counts.Within(bucket);
            return successes > 0 && failures < successes ? SourceStanding.Good
                : failures - successes >= 2 ? SourceStanding.Suspect
                : successes == 0 && failures == 0 && arrivals <= 1 ? SourceStanding.Unseen
                : SourceStanding.New;
        }
    }

    private void Record(string? sourceIp, Outcome outcome, bool untrusted)
    {
        var sourceBucket = Bucket(SourceBucket);
        var globalBucket = Bucket(GlobalBucket);
        lock (gate)
        {
            if (untrusted)
            {
                var slot = (int)(globalBucket % GlobalBuckets);
                if (globalBucketOf[slot] != globalBucket)
                {
                    (globalBucketOf[slot], globalFailures[slot]) = (globalBucket, 0);
                }

                globalFailures[slot]++;
            }

            Sweep(sourceBucket);
            var ip = sourceIp ?? "unknown";
            if (!sources.TryGetValue(ip, out var counts))
            {
                if (sources.Count >= MaxSources)
                {
                    return;
                }

                sources[ip] = counts = new Counts();
            }

            counts.Add(sourceBucket, outcome);
        }
    }

    /// <summary>Forgets, once a minute, the IPs with nothing in the window.</summary>
    private void Sweep(long bucket)
    {
        if (bucket == lastSweep)
        {
            return;
        }

        lastSweep = bucket;
        foreach (var stale in sources.Where(s => bucket - s.Value.LastBucket >= SourceBuckets).Select(s => s.Key).ToList())
        {
            sources.Remove(stale);
        }
    }

    private long Bucket(TimeSpan width) => time.GetUtcNow().UtcTicks / width.Ticks;

    private enum Outcome
    {
        Arrival,
        Success,
        Failure,
    }

    /// <summary>One IP's arrivals, successes and failures, one slot per minute of the window (a ring).</summary>
    private sealed class Counts
    {
        private readonly int[] arrivals = new int[SourceBuckets];
        private readonly int[] successes = new int[SourceBuckets];
        private readonly int[] failures = new int[SourceBuckets];
        private readonly long[] bucketOf = new long[SourceBuckets];

        public long LastBucket { get; private set; }

        public void Add(long bucket, Outcome outcome)
        {
            var slot = (int)(bucket % SourceBuckets);
            if (bucketOf[slot] != bucket)
            {
                (bucketOf[slot], arrivals[slot], successes[slot], failures[slot]) = (bucket, 0, 0, 0);
            }

            var counted = outcome switch
            {
                Outcome.Arrival => arrivals,
                Outcome.Success => successes,
                _ => failures,
            };
            counted[slot]++;
            LastBucket = bucket;
        }

        public (int Successes, int Failures, int Arrivals) Within(long bucket)
        {
            var (s, f, a) = (0, 0, 0);
            for (var i = 0; i < SourceBuckets; i++)
            {
                if (bucket - bucketOf[i] < SourceBuckets)
                {
                    (s, f, a) = (s + successes[i], f + failures[i], a + arrivals[i]);
                }
            }

            return (s, f, a);
        }
    }
}
