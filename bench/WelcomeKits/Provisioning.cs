using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WelcomeKits;

/// <summary>What the batch is sent to: one organization, one unit, and users pending activation (no password).</summary>
internal sealed record Provisioned(string OrganizationId, IReadOnlyList<string> Emails, IReadOnlyDictionary<string, int> Statuses);

/// <summary>Creates it through the operator routes only.</summary>
internal sealed class Provisioning(HttpClient http, string operatorKey)
{
    public async Task<Provisioned> CreatePendingUsersAsync(string runId, int users, int concurrency)
    {
        var organization = await PostAsync("api/organizations", new { name = $"Welcome kits {runId}" });
        var organizationId = organization.GetProperty("id").GetString()!;
        var unit = await PostAsync($"api/organizations/{organizationId}/units", new { name = "Welcome unit" });
        var unitId = unit.GetProperty("id").GetString()!;

        var emails = new string[users];
        var statuses = new Dictionary<string, int>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users)
            {
                var username = $"wk-{runId}-{i:D5}";
                var email = $"{username}@welcome.example";
                var created = await PostAsync($"api/organizations/{organizationId}/users", new
                {
                    username,
                    displayName = $"Welcome employee {i}",
                    role = "employee",
                    email,
                    unitIds = new[] { unitId },
                });
                emails[i] = email;
                var status = created.TryGetProperty("status", out var s) ? s.GetString() ?? "?" : "?";
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            }
        }));
        return new Provisioned(organizationId, emails, statuses);
    }

    public async Task<(HttpStatusCode Status, string Body)> SendRawAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Operator-Key", operatorKey);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Operator-Key", operatorKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /{path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
