using Bench.Shared;

namespace SignInLoad;

/// <summary>
/// Creates what the load signs in, through the operator routes only: one organization whose lockout threshold is as
/// high as the policy allows (unless told otherwise: the many-IP attack locks accounts as a real one would), one unit,
/// and employees with a password and rights to that unit.
/// </summary>
internal sealed class Provisioning(OperatorApi api)
{
    /// <summary>The ids of the employees created, by login.</summary>
    public Dictionary<string, string> Ids { get; } = [];

    public async Task<IReadOnlyList<string>> CreateEmployeesAsync(string runId, string password, int users, int concurrency, int maxFailedAttempts = 20)
    {
        var organization = await api.CreateAsync("api/organizations", new
        {
            name = $"Sign-in load {runId}",
            policy = new { maxFailedAttempts, passwordMaxAgeDays = 0 },
        });
        var organizationId = organization.GetProperty("id").GetString()!;
        var unit = await api.CreateAsync($"api/organizations/{organizationId}/units", new { name = "Load unit" });
        var unitId = unit.GetProperty("id").GetString()!;

        // Each creation hashes a password in the app, so it is as CPU-bound as a sign-in: same concurrency.
        var logins = new string[users];
        await OperatorApi.ForEachAsync(users, concurrency, async i =>
        {
            var username = $"load-{runId}-{i:D5}";
            var created = await api.CreateAsync($"api/organizations/{organizationId}/users", new
            {
                username,
                displayName = $"Load employee {i}",
                role = "employee",
                email = $"{username}@load.example",
                unitIds = new[] { unitId },
                password,
            });
            logins[i] = username;
            lock (Ids)
            {
                Ids[username] = created.GetProperty("id").GetString()!;
            }
        });
        return logins;
    }
}
