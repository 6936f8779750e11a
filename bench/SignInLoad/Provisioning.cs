using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SignInLoad;

/// <summary>
/// Creates what the load signs in, through the operator routes only: one organization whose lockout threshold is as
/// high as the policy allows, one unit, and employees with a password and rights to that unit.
/// </summary>
internal sealed class Provisioning(HttpClient http, string operatorKey)
{
    public async Task<IReadOnlyList<string>> CreateEmployeesAsync(string runId, string password, int users, int concurrency)
    {
        var organization = await PostAsync("api/organizations", new
        {
            name = $"Sign-in load {runId}",
            policy = new { maxFailedAttempts = 20, passwordMaxAgeDays = 0 },
        });
        var organizationId = organization.GetProperty("id").GetString()!;
        var unit = await PostAsync($"api/organizations/{organizationId}/units", new { name = "Load unit" });
        var unitId = unit.GetProperty("id").GetString()!;

        // Each creation hashes a password in the app, so it is as CPU-bound as a sign-in: same concurrency.
        var logins = new string[users];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users)
            {
                var username = $"load-{runId}-{i:D5}";
                await PostAsync($"api/organizations/{organizationId}/users", new
                {
                    username,
                    displayName = $"Load employee {i}",
                    role = "employee",
                    email = $"{username}@load.example",
                    unitIds = new[] { unitId },
                    password,
                });
                logins[i] = username;
            }
        }));
        return logins;
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
