using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace SignInLoad;

/// <summary>
/// Credential stuffing as it really comes: many source addresses (127.1.x.y, one client each), one guess at a time each,
/// together at a fixed rate — <c>--attack-multiple</c> times the pure hash rate — whatever the app answers (open loop).
/// Most guesses are logins the service does not know, some (<c>--attack-known-share</c>) the logins of the people signing
/// in, with wrong passwords: the ones that can lock them out. At most <see cref="MaxInFlight"/> guesses wait for an answer;
/// a guess due while that many wait is not sent, and counted.
/// </summary>
internal sealed class ManyIpAttack : IDisposable
{
    /// <summary>Bounds what a slow app makes the driver hold: sockets, tasks, memory.</summary>
    public const int MaxInFlight = 2000;

    private readonly HttpClient[] attackers;
    private readonly double perSecond;
    private readonly double knownShare;

    public ManyIpAttack(Uri url, int addresses, double perSecond, double knownShare)
    {
        attackers = Enumerable.Range(0, addresses)
            .Select(i => SourceAddresses.BoundTo(url, SourceAddresses.Of(1, i), TimeSpan.FromSeconds(60), maxConnections: 4))
            .ToArray();
        this.perSecond = perSecond;
        this.knownShare = knownShare;
    }

    public int Addresses => attackers.Length;

    private readonly Dictionary<int, int> statuses = new();
    private int sent;
    private int skipped;
    private int inFlight;

    /// <summary>What the attack has sent so far, by answer; a phase's share is the difference of two snapshots.</summary>
    public AttackResult Snapshot(TimeSpan elapsed)
    {
        lock (statuses)
        {
            return new AttackResult(Volatile.Read(ref sent), Volatile.Read(ref skipped), attackers.Length, elapsed, new Dictionary<int, int>(statuses));
        }
    }

    /// <summary>Guesses until <paramref name="stop"/>; then the guesses still unanswered are given up (the app drops them).</summary>
    public async Task RunAsync(IReadOnlyList<string> knownLogins, CancellationToken stop)
    {
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            // Open loop: the n-th guess leaves at n / rate seconds, answered or not.
            var due = TimeSpan.FromSeconds(next / perSecond);
            if (due > clock.Elapsed)
            {
                try
                {
                    await Task.Delay(due - clock.Elapsed, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var i = next++;
            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                Interlocked.Increment(ref skipped);
                continue;
            }

            Interlocked.Increment(ref inFlight);
            Interlocked.Increment(ref sent);
            var known = knownLogins.Count > 0 && RandomNumberGenerator.GetInt32(1000) < knownShare * 1000;
            var login = known ? knownLogins[RandomNumberGenerator.GetInt32(knownLogins.Count)] : $"stuffed-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@mail.example";
            pending.Add(GuessAsync(attackers[i % attackers.Length], login, stop));
            if (pending.Count > 4 * MaxInFlight)
            {
                pending.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(pending);
    }

    private async Task GuessAsync(HttpClient http, string login, CancellationToken stop)
    {
        int status;
        try
        {
            using var response = await http.PostAsJsonAsync("api/auth/login", new { login, password = $"Summer{RandomNumberGenerator.GetInt32(1000, 9999)}!", portal = "employee" }, stop);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            status = -1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }

        lock (statuses)
        {
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }
    }

    public void Dispose()
    {
        foreach (var attacker in attackers)
        {
            attacker.Dispose();
        }
    }
}

/// <summary>
/// What the attack sent, by answer (401/403: a guess checked; 429: shed before any hash; 0: no answer; -1: given up
/// unanswered when the attack stopped).
/// </summary>
internal sealed record AttackResult(int Sent, int Skipped, int Addresses, TimeSpan Elapsed, IReadOnlyDictionary<int, int> Statuses)
{
    /// <summary>What was sent and answered between <paramref name="earlier"/> and this snapshot.</summary>
    public AttackResult Since(AttackResult earlier) => this with
    {
        Sent = Sent - earlier.Sent,
        Skipped = Skipped - earlier.Skipped,
        Elapsed = Elapsed - earlier.Elapsed,
        Statuses = Statuses.ToDictionary(s => s.Key, s => s.Value - earlier.Statuses.GetValueOrDefault(s.Key)),
    };

    public int Checked => Statuses.GetValueOrDefault(401) + Statuses.GetValueOrDefault(403);

    public int Shed => Statuses.GetValueOrDefault(429);

    public string Describe() =>
        $"  attack          {Sent} guesses from {Addresses} addresses ({Sent / Elapsed.TotalSeconds:F1}/s; {Skipped} not sent, {ManyIpAttack.MaxInFlight} awaiting answers already), answered during the phase: " +
        string.Join(", ", Statuses.Where(s => s.Value > 0).OrderBy(s => s.Key).Select(s => $"{s.Key switch { 0 => "no answer", -1 => "given up", _ => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) }} x{s.Value}"));
}
