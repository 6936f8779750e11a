using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace SignInLoad;

/// <summary>
/// A credential-spraying client: unknown logins with a password, from one IP, as fast as its requests in flight allow,
/// until stopped. For an unknown login the app still verifies a decoy hash (same time as a known one), so only the
/// per-IP limit keeps this from taking the cores from legitimate sign-ins; the counts say how much it shed.
/// </summary>
internal sealed class SprayAttack(HttpClient http, int concurrency)
{
    private const string AttackerIp = "203.0.113.66";

    public async Task<SprayResult> RunAsync(CancellationToken stop)
    {
        var statuses = new Dictionary<int, int>();
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login")
                {
                    Content = JsonContent.Create(new
                    {
                        login = $"spray-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}",
                        password = "Summer2026!",
                        portal = "employee",
                    }),
                };
                request.Headers.Add("X-Forwarded-For", AttackerIp);
                int status;
                try
                {
                    using var response = await http.SendAsync(request, stop);
                    status = (int)response.StatusCode;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                Interlocked.Increment(ref sent);
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            }
        }));
        return new SprayResult(sent, statuses);
    }
}

/// <summary>What the spraying client sent during a phase, by answer status (429 = shed by the per-IP limit).</summary>
internal sealed record SprayResult(int Sent, IReadOnlyDictionary<int, int> Statuses)
{
    public string Describe(TimeSpan elapsed) =>
        $"  attack          {Sent} unknown-login requests from one IP ({Sent / elapsed.TotalSeconds:F1}/s): " +
        string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "failed" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} x{s.Value}"));
}
