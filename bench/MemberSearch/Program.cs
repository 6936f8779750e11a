using Bench.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MemberSearch;

// Lists and searches one organization of N members (GET /api/organizations/{orgId}/members), one request at a time,
// then measures what the member index adds to a write: a PATCH of a field the index holds (displayName: its name and
// search-term rows move) against one it does not (locale), alternated on the same members in the same run.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var http = AppClient.Create(options.Url, TimeSpan.FromMinutes(5));
if (!await AppClient.IsHealthyAsync(http))
{
    return 1;
}

var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
var api = new OperatorApi(http, options.OperatorKey);
Console.WriteLine($"Provisioning 1 organization, 4 units and {options.Members} members (run {runId}, {options.ProvisionConcurrency} in flight) ...");
var provisioningClock = Stopwatch.StartNew();
var provisioned = await new Provisioning(api).CreateAsync(runId, options.Members, options.ProvisionConcurrency);
Console.WriteLine($"  done in {provisioningClock.Elapsed.TotalSeconds:F1} s ({options.Members / provisioningClock.Elapsed.TotalSeconds:F0} members/s; not part of the figures)");
Console.WriteLine($"load average before measuring: {LoadAverage()}");

var members = $"api/organizations/{provisioned.OrganizationId}/members";
var random = new Random(25);

// ---- Whole lists, page after page: every member once, in name order ----
foreach (var (label, query, expected) in new[]
{
    ("every member, max=200", "?max=200", options.Members),
    ("q=trem (a family name), max=200", "?q=trem&max=200", CountFamily("Tremblay")),
    ("status=no_email, max=200", "?status=no_email&max=200", (options.Members + 9) / 10),
})
{
    var clock = Stopwatch.StartNew();
    var (count, pages) = await WalkAsync(members + query);
    Console.WriteLine($"walk {label,-36} {count,6} members in {pages,3} pages, {clock.Elapsed.TotalMilliseconds,8:F0} ms" +
        (count == expected ? "" : $"  (expected {expected}!)"));
}

// ---- One page at a time ----
var queries = new (string Name, Func<string> Query)[]
{
    ("first page, no filter (max=50)", () => ""),
    ("q=trem: a family name, 1 in 50", () => "?q=trem"),
    ("q=éloïse: a first name, 1 in 20", () => "?q=%C3%A9lo%C3%AFse"),
    ("q=<a username>: one member", () => "?q=" + provisioned.Usernames[random.Next(provisioned.Usernames.Count)]),
    ("q=<a name nobody has>", () => "?q=zzz" + random.Next(1000)),
    ("status=no_email: 1 in 10", () => "?status=no_email"),
    ("status=active: 1 in 50", () => "?status=active"),
    ("unitId=<one of 4>", () => "?unitId=" + provisioned.UnitIds[random.Next(provisioned.UnitIds.Count)]),
    ("role=manager: 1 in 20", () => "?role=manager"),
    ("role=employee&status=active: 1 in 50", () => "?role=employee&status=active"),
};
var all = new List<Timings>();
foreach (var (name, query) in queries)
{
    var timings = new Timings(name);
    for (var r = 0; r < options.Requests; r++)
    {
        var (latency, trips, _) = await GetAsync(members + query());
        timings.Add(latency, trips);
    }

    all.Add(timings);
    Console.WriteLine(timings.Line());
}

// ---- Writes: a field the index holds against one it does not, alternated ----
var indexed = new Timings("PATCH displayName (the index follows)");
var unindexed = new Timings("PATCH locale (nothing indexed changes)");
for (var p = 0; p < options.Patches; p++)
{
    var userId = provisioned.UserIds[random.Next(provisioned.UserIds.Count)];
    var (a, aTrips) = await PatchAsync(userId, new { displayName = $"{Provisioning.FirstNames[p % 20]} Renamed {runId} {p}" });
    indexed.Add(a, aTrips);
    var (b, bTrips) = await PatchAsync(userId, new { locale = p % 2 == 0 ? "fr" : "en" });
    unindexed.Add(b, bTrips);
}

Console.WriteLine(indexed.Line());
Console.WriteLine(unindexed.Line());
Console.WriteLine($"indexed / unindexed PATCH: p50 x{indexed.Percentile(50) / unindexed.Percentile(50):F2}, p99 x{indexed.Percentile(99) / unindexed.Percentile(99):F2}");
Console.WriteLine($"load average after: {LoadAverage()}");
return 0;

int CountFamily(string family) =>
    Enumerable.Range(0, options.Members).Count(i => Provisioning.FamilyNames[i / Provisioning.FirstNames.Length % Provisioning.FamilyNames.Length] == family);

async Task<(int Count, int Pages)> WalkAsync(string firstPage)
{
    var seen = new HashSet<string>();
    var pages = 0;
    string? token = null;
    do
    {
        var (_, _, body) = await GetAsync(token is null ? firstPage : $"{firstPage}&continuationToken={Uri.EscapeDataString(token)}");
        pages++;
        foreach (var member in body.GetProperty("members").EnumerateArray())
        {
            if (!seen.Add(member.GetProperty("userId").GetString()!))
            {
                throw new InvalidOperationException("A member was listed twice.");
            }
        }

        token = body.GetProperty("continuationToken").ValueKind == JsonValueKind.String ? body.GetProperty("continuationToken").GetString() : null;
    }
    while (token is not null);
    return (seen.Count, pages);
}

async Task<(TimeSpan Latency, int? RoundTrips, JsonElement Body)> GetAsync(string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Add("X-Operator-Key", options.OperatorKey);
    var clock = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    var latency = clock.Elapsed;
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}: {text}");
    }

    return (latency, RoundTrips(response), JsonDocument.Parse(text).RootElement.Clone());
}

async Task<(TimeSpan Latency, int? RoundTrips)> PatchAsync(string userId, object body)
{
    using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/users/{userId}") { Content = System.Net.Http.Json.JsonContent.Create(body) };
    request.Headers.Add("X-Operator-Key", options.OperatorKey);
    var clock = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    var latency = clock.Elapsed;
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"PATCH /api/users/{userId} answered {(int)response.StatusCode}: {text}");
    }

    return (latency, RoundTrips(response));
}

static int? RoundTrips(HttpResponseMessage response) =>
    response.Headers.TryGetValues("X-Storage-Round-Trips", out var values) && int.TryParse(values.First(), out var n) ? n : null;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
