using Bench.Shared;

namespace WelcomeKits;

/// <summary>What the batch is sent to: one organization, one unit, and users pending activation (no password).</summary>
internal sealed record Provisioned(string OrganizationId, IReadOnlyList<string> Emails, IReadOnlyDictionary<string, int> Statuses);

/// <summary>Creates it through the operator routes only.</summary>
internal sealed class Provisioning(OperatorApi api)
{
    public async Task<Provisioned> CreatePendingUsersAsync(string runId, int users, int concurrency)
    {
        var organization = await api.CreateAsync("api/organizations", new { name = $"Welcome kits {runId}" });
        var organizationId = organization.GetProperty("id").GetString()!;
        var unit = await api.CreateAsync($"api/organizations/{organizationId}/units", new { name = "Welcome unit" });
        var unitId = unit.GetProperty("id").GetString()!;

        var emails = new string[users];
        var statuses = new Dictionary<string, int>();
        await OperatorApi.ForEachAsync(users, concurrency, async i =>
        {
            var username = $"wk-{runId}-{i:D5}";
            var email = $"{username}@welcome.example";
            var created = await api.CreateAsync($"api/organizations/{organizationId}/users", new
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
        });
        return new Provisioned(organizationId, emails, statuses);
    }
}
