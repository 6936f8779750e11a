using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SignInLoad;

/// <summary>
/// Signs the employees in round-robin with a fixed number of sign-ins in flight, until a deadline or a count, and
/// records each one: latency, whether it was a 200 <c>status:"ok"</c>, and the storage round trips the app reports.
/// With <paramref name="ownIps"/>, each user signs in from an IP of its own (X-Forwarded-For, which the app trusts from
/// loopback), so a per-IP limit hit by an attacker's IP does not touch them.
/// </summary>
internal sealed class SignInPhase(HttpClient http, IReadOnlyList<string> logins, string password, bool ownIps = false)
{
    private const string RoundTripsHeader = "X-Storage-Round-Trips";

    public async Task<PhaseResult> RunAsync(int concurrency, TimeSpan? duration, int? count)
    {
        var samples = new List<Sample>[concurrency];
        var errors = new ErrorLog();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var deadline = duration ?? TimeSpan.MaxValue;
        var limit = count ?? int.MaxValue;

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = samples[worker] = new List<Sample>(4096);
            int i;
            while (clock.Elapsed < deadline && (i = Interlocked.Increment(ref next)) < limit)
            {
                mine.Add(await SignInAsync(i % logins.Count, errors));
            }
        }));

        clock.Stop();
        return new PhaseResult(concurrency, clock.Elapsed, samples.SelectMany(s => s).ToList(), errors.Snapshot());
    }

    private async Task<Sample> SignInAsync(int user, ErrorLog errors)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login")
            {
                Content = JsonContent.Create(new { login = logins[user], password, portal = "employee" }),
            };
            if (ownIps)
            {
                request.Headers.Add("X-Forwarded-For", $"10.{(user >> 16) & 255}.{(user >> 8) & 255}.{user & 255}");
            }

            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var latency = Stopwatch.GetElapsedTime(started);
            int? roundTrips = response.Headers.TryGetValues(RoundTripsHeader, out var values)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            var ok = response.StatusCode == HttpStatusCode.OK && IsStatusOk(body);
            if (!ok)
            {
                errors.Add($"{(int)response.StatusCode} {Truncate(body)}");
            }

            return new Sample(latency, ok, roundTrips);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            errors.Add($"{e.GetType().Name}: {e.Message}");
            return new Sample(Stopwatch.GetElapsedTime(started), false, null);
        }
    }

    private static bool IsStatusOk(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("status", out var status) && status.GetString() == "ok"
            && json.RootElement.TryGetProperty("accessToken", out _);
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
