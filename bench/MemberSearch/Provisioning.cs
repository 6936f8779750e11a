using Bench.Shared;

namespace MemberSearch;

/// <summary>The organization searched: its units, and its members' ids and usernames in creation order.</summary>
internal sealed record Provisioned(string OrganizationId, IReadOnlyList<string> UnitIds, IReadOnlyList<string> UserIds, IReadOnlyList<string> Usernames);

/// <summary>
/// Creates one organization of N members through the operator routes only, shaped like a customer's staff: names drawn
/// from first and family names with accents (so prefixes match many members, as a family name does), four units, one
/// member in ten without an email, one in twenty a manager, one in fifty with a password (active) and the others pending
/// activation: a password costs the app one PBKDF2 hash (about 0.1 s of CPU), which would make provisioning the run.
/// </summary>
internal sealed class Provisioning(OperatorApi api)
{
    public static readonly string[] FirstNames =
    [
        "Éloïse", "Jean-Marc", "Zoë", "François", "Amélie", "Noah", "Léa", "Mathis", "Chloé", "Hugo",
        "Inès", "Gabriel", "Jade", "Raphaël", "Manon", "Louis", "Camille", "Arthur", "Sarah", "Jules",
    ];

    public static readonly string[] FamilyNames =
    [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
        "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher",
        "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre", "Poulin",
        "Thibault", "St-Pierre", "Nadeau", "Martin", "Landry", "Martel", "Bédard", "Grenier", "Lessard", "Bernier",
        "Richard", "Michaud", "Hébert", "Desjardins", "Couture", "Turcotte", "Lachance", "Parent", "Blais", "Gosselin",
    ];

    public async Task<Provisioned> CreateAsync(string runId, int members, int concurrency)
    {
        var organization = await api.CreateAsync("api/organizations", new { name = $"Member search {runId}" });
        var organizationId = organization.GetProperty("id").GetString()!;
        var unitIds = new List<string>();
        for (var u = 0; u < 4; u++)
        {
            var unit = await api.CreateAsync($"api/organizations/{organizationId}/units", new { name = $"Unit {u}" });
            unitIds.Add(unit.GetProperty("id").GetString()!);
        }

        var userIds = new string[members];
        var usernames = new string[members];
        await OperatorApi.ForEachAsync(members, concurrency, async i =>
        {
            var username = $"ms-{runId}-{i:D5}";
            var created = await api.CreateAsync($"api/organizations/{organizationId}/users", new
            {
                username,
                displayName = $"{FirstNames[i % FirstNames.Length]} {FamilyNames[i / FirstNames.Length % FamilyNames.Length]}",
                role = i % 20 == 0 ? "manager" : "employee",
                email = i % 10 == 0 ? null : $"{username}@search.example",
                unitIds = new[] { unitIds[i % unitIds.Count] },
                password = i % 50 == 1 ? $"Bench-Password-{runId}-{i}" : null,
            });
            userIds[i] = created.GetProperty("id").GetString()!;
            usernames[i] = username;
        });
        return new Provisioned(organizationId, unitIds, userIds, usernames);
    }
}
