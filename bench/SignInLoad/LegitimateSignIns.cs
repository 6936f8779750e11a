using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SignInLoad;

/// <summary>How the people of a many-IP phase come to sign in.</summary>
internal enum LegitimateKind
{
    /// <summary>Each from its own address (127.2.x.y), sending the device token of its last sign-in there.</summary>
    Trusted,

    /// <summary>Each from its own address, which signed that person in before, without a device token.</summary>
    Untrusted,

    /// <summary>Each sign-in from an address never seen before (127.3.x.y), without a device token.</summary>
    Fresh,
}

/// <summary>
/// The people of a many-IP phase signing in with the right password, a fixed number at a time (closed loop), round-robin
/// over their logins. An answer other than <c>status: "ok"</c> to the right password is a refusal: 401 or 403 means the
/// holder was kept out (a lock), 429 that a budget shed them — and they wait the <c>Retry-After</c> before trying again.
/// </summary>
internal sealed class LegitimateSignIns(Uri url, IReadOnlyList<string> logins, string password) : IDisposable
{
    private readonly ConcurrentDictionary<int, HttpClient> ownAddress = new();
    private readonly ConcurrentDictionary<string, string> deviceTokens = new();
    private int fresh;

    /// <summary>Signs each one in once from its own address, keeping its device token (what "before the attack" means).</summary>
    public async Task WarmUpAsync(int concurrency)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < logins.Count)
            {
                var (ok, status, _) = await SignInAsync(i, LegitimateKind.Untrusted);
                if (!ok)
                {
                    throw new InvalidOperationException($"{logins[i]} could not sign in before the attack: {status}");
                }
            }
        }));
    }

    public async Task<LegitimateResult> RunAsync(LegitimateKind kind, int concurrency, TimeSpan duration)
    {
        var samples = new ConcurrentBag<(TimeSpan Latency, bool Ok, int Status, int User)>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var user = Interlocked.Increment(ref next) % logins.Count;
                var started = Stopwatch.GetTimestamp();
                var (ok, status, retryAfter) = await SignInAsync(user, kind);
                samples.Add((Stopwatch.GetElapsedTime(started), ok, status, user));
                // A person (or a well-behaved app) told to come back later does, and one refused takes a moment to try
                // again, rather than hammering.
                var pause = retryAfter ?? (ok ? TimeSpan.Zero : TimeSpan.FromSeconds(1));
                if (pause > TimeSpan.Zero && clock.Elapsed + pause < duration)
                {
                    await Task.Delay(pause);
                }
            }
        }));
        clock.Stop();
        var all = samples.ToList();
        return new LegitimateResult(kind, concurrency, clock.Elapsed,
            all.Select(s => new Sample(s.Latency, s.Ok, null)).ToList(),
            all.Where(s => !s.Ok).GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()),
            all.Where(s => s.Status is 401 or 403).Select(s => s.User).Distinct().Count());
    }

    private async Task<(bool Ok, int Status, TimeSpan? RetryAfter)> SignInAsync(int user, LegitimateKind kind)
    {
        var login = logins[user];
        var http = kind == LegitimateKind.Fresh
            ? SourceAddresses.BoundTo(url, SourceAddresses.Of(3, Interlocked.Increment(ref fresh)), TimeSpan.FromSeconds(30))
            : ownAddress.GetOrAdd(user, u => SourceAddresses.BoundTo(url, SourceAddresses.Of(2, u), TimeSpan.FromSeconds(30)));
        try
        {
            var deviceToken = kind == LegitimateKind.Trusted ? deviceTokens.GetValueOrDefault(login) : null;
            using var response = await http.PostAsJsonAsync("api/auth/login", new { login, password, portal = "employee", deviceToken });
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (false, (int)response.StatusCode, response.Headers.RetryAfter?.Delta);
            }

            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("deviceToken", out var token) && token.GetString() is { } kept)
            {
                deviceTokens[login] = kept;
            }

            return (json.RootElement.TryGetProperty("status", out var status) && status.GetString() == "ok", 200, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (false, 0, null);
        }
        finally
        {
            if (kind == LegitimateKind.Fresh)
            {
                http.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var client in ownAddress.Values)
        {
            client.Dispose();
        }
    }
}

/// <summary>The legitimate side of a many-IP phase: its sign-ins, refusals by status, and how many holders were kept out.</summary>
internal sealed record LegitimateResult(
    LegitimateKind Kind, int Concurrency, TimeSpan Elapsed, IReadOnlyList<Sample> Samples, IReadOnlyDictionary<int, int> Refusals, int HoldersKeptOut)
{
    public double Throughput => Samples.Count(s => s.Ok) / Elapsed.TotalSeconds;

    public int Shed => Refusals.GetValueOrDefault(429);

    public double Percentile(double p)
    {
        var sorted = Samples.Select(s => s.Latency.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
