using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SignInLoad;

/// <summary>
/// Refreshes sessions (POST /api/auth/refresh) with a fixed number of refreshes in flight, until a deadline or a count:
/// each worker signs one employee in first (not measured), then exchanges its refresh token again and again, each answer's
/// new token replacing the one used — a chain per worker, so no two refreshes of one session race — and sending the
/// device token of the sign-in, as a client that keeps it does (without it, each refresh would re-key the device: one
/// more write). Records each refresh
/// as <see cref="SignInPhase"/> records a sign-in: latency, a 200 <c>status:"ok"</c> with a new refresh token, round trips.
/// </summary>
internal sealed class RefreshPhase(HttpClient http, IReadOnlyList<string> logins, string password)
{
    private const string RoundTripsHeader = "X-Storage-Round-Trips";

    public async Task<PhaseResult> RunAsync(int concurrency, TimeSpan? duration, int? count)
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => SignInAsync(logins[worker % logins.Count])));
        var samples = new List<Sample>[concurrency];
        var errors = new ErrorLog();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var deadline = duration ?? TimeSpan.MaxValue;
        var limit = count ?? int.MaxValue;

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = samples[worker] = new List<Sample>(4096);
            while (clock.Elapsed < deadline && Interlocked.Increment(ref next) < limit)
            {
                var (sample, refreshed) = await RefreshAsync(tokens[worker], errors);
                mine.Add(sample);
                tokens[worker] = refreshed ?? await SignInAsync(logins[worker % logins.Count]);
            }
        }));

        clock.Stop();
        return new PhaseResult(concurrency, clock.Elapsed, samples.SelectMany(s => s).ToList(), errors.Snapshot());
    }

    private async Task<(string RefreshToken, string? DeviceToken)> SignInAsync(string login)
    {
        using var response = await http.PostAsJsonAsync("api/auth/login", new { login, password, portal = "employee" });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("refreshToken").GetString()!, DeviceTokenOf(json));
    }

    private static string? DeviceTokenOf(JsonDocument answer) =>
        answer.RootElement.TryGetProperty("deviceToken", out var device) && device.ValueKind == JsonValueKind.String ? device.GetString() : null;

    private async Task<(Sample Sample, (string RefreshToken, string? DeviceToken)? Next)> RefreshAsync(
        (string RefreshToken, string? DeviceToken) current, ErrorLog errors)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.PostAsJsonAsync("api/auth/refresh", new { refreshToken = current.RefreshToken, deviceToken = current.DeviceToken });
            var body = await response.Content.ReadAsStringAsync();
            var latency = Stopwatch.GetElapsedTime(started);
            int? roundTrips = response.Headers.TryGetValues(RoundTripsHeader, out var values)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            string? next = null;
            var device = current.DeviceToken;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var json = JsonDocument.Parse(body);
                next = json.RootElement.TryGetProperty("status", out var status) && status.GetString() == "ok"
                    && json.RootElement.TryGetProperty("refreshToken", out var token) ? token.GetString() : null;
                device = DeviceTokenOf(json) ?? device;
            }

            if (next is null)
            {
                errors.Add($"{(int)response.StatusCode} {(body.Length <= 200 ? body : body[..200] + "…")}");
            }

            return (new Sample(latency, next is not null, roundTrips), next is null ? null : (next, device));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            errors.Add($"{e.GetType().Name}: {e.Message}");
            return (new Sample(Stopwatch.GetElapsedTime(started), false, null), null);
        }
    }
}
