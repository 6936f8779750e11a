using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// A thin client for the contract of API.md, for arranging tests: provisioning as the operator, signing in, and raw
/// requests for the assertions. Every name it creates is unique, so tests share one app and one Azurite.
/// </summary>
public sealed class Api(HttpClient http)
{
    public const string Password = "Correct-Horse-Battery-9";

    public HttpClient Http { get; } = http;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public Task<Reply> SendAsync(HttpMethod method, string path, object? body = null, string? bearer = null, bool asOperator = false,
        string? language = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }

        if (asOperator)
        {
            request.Headers.Add("X-Operator-Key", RunningApp.OperatorKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return SendAsync(request);
    }

    /// <summary>
    /// Runs a timer or queue function now through the host's admin API (<c>POST /admin/functions/{name}</c>; the
    /// standalone host answers 202 once the run is over). <paramref name="input"/> is a queue function's message.
    /// </summary>
    public Task<Reply> RunFunctionAsync(string function, string input = "") =>
        SendAsync(HttpMethod.Post, $"/admin/functions/{function}", new { input }, asOperator: true);

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
        {
            json = JsonNode.Parse(text);
        }

        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply(response.StatusCode, text, json, headers);
    }

    /// <summary>Posts a billing webhook event signed as the billing system signs it (or with <paramref name="signature"/>).</summary>
    public Task<Reply> PostBillingEventAsync(string body, string? signature = null, DateTimeOffset? signedAt = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Billing-Signature", signature ?? Core.Billing.BillingSignature.Sign(RunningApp.BillingSecret, signedAt ?? DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body)));
        return SendAsync(request);
    }

    /// <summary>A billing event body as the billing system sends it, with a fresh event id unless given.</summary>
    public static string BillingEvent(string type, string organizationId, string invoiceId, string? eventId = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            id = eventId ?? "evt_" + Guid.NewGuid().ToString("N"),
            type,
            organizationId,
            invoiceId,
            occurredAt = "2026-11-20T10:00:00Z",
        });

    public async Task<string> CreateOrganizationAsync(object? policy = null, string? primaryContactEmail = null)
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/organizations", new { name = Unique("org"), primaryContactEmail, policy }, asOperator: true);
        reply.ShouldBe(HttpStatusCode.Created);
        return reply.Json!["id"]!.GetValue<string>();
    }

    public async Task<string> CreateUnitAsync(string organizationId)
    {
        var reply = await SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/units", new { name = Unique("unit") }, asOperator: true);
        reply.ShouldBe(HttpStatusCode.Created);
        return reply.Json!["id"]!.GetValue<string>();
    }

    /// <summary>Creates a user with <see cref="Password"/> (unless <paramref name="password"/> says otherwise) and returns its id and username.</summary>
    public async Task<TestUser> CreateUserAsync(string organizationId, string role = "employee", string[]? unitIds = null, string? password = Password,
        string? email = null, object? extra = null, string[]? permissions = null)
    {
        var username = Unique("user");
        var body = new JsonObject
        {
            ["username"] = username,
            ["displayName"] = "Test " + username,
            ["role"] = role,
            ["email"] = email ?? $"{username}@example.com",
            ["password"] = password,
            ["unitIds"] = new JsonArray((unitIds ?? []).Select(u => (JsonNode)u).ToArray()),
            ["permissions"] = new JsonArray((permissions ?? []).Select(p => (JsonNode)p).ToArray()),
        };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        var reply = await SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users", body, asOperator: true);
        reply.ShouldBe(HttpStatusCode.Created);
        return new TestUser(reply.Json!["id"]!.GetValue<string>(), username, body["email"]?.GetValue<string>() ?? string.Empty);
    }

    /// <summary>An organization with one unit and one staff member of <paramref name="role"/> in it.</summary>
    public async Task<(string OrganizationId, string UnitId, TestUser User)> CreateStaffAsync(string role = "employee", object? policy = null)
    {
        var organizationId = await CreateOrganizationAsync(policy);
        var unitId = await CreateUnitAsync(organizationId);
        var user = await CreateUserAsync(organizationId, role, [unitId]);
        return (organizationId, unitId, user);
    }

    public Task<Reply> LoginAsync(string login, string password = Password, string portal = "employee", string? appVersion = null,
        string? language = null, string? forwardedFor = null, string? deviceToken = null) =>
        SendAsync(HttpMethod.Post, "/api/auth/login", new { login, password, portal, appVersion, deviceToken }, language: language, forwardedFor: forwardedFor);

    /// <summary>Signs in with the right password and returns the <c>deviceToken</c> of the answer: the device is now trusted.</summary>
    public async Task<string> TrustedDeviceAsync(string login, string portal = "employee", string? forwardedFor = null, string password = Password)
    {
        var reply = await LoginAsync(login, password, portal: portal, forwardedFor: forwardedFor);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["deviceToken"]?.GetValue<string>() ?? string.Empty;
    }

    public async Task<string> TokenAsync(string login, string portal)
    {
        var reply = await LoginAsync(login, portal: portal);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["accessToken"]!.GetValue<string>();
    }

    /// <summary>
    /// Asks forgot-password for <paramref name="login"/> (202) and waits until the queued request has been handled: the
    /// account's diagnosis shows a <c>lastForgotPassword</c> (a fresh user has none before).
    /// </summary>
    public async Task ForgotAndWaitAsync(string login, string userId)
    {
        (await SendAsync(HttpMethod.Post, "/api/password/forgot", new { login })).ShouldBe(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(async () => (await DiagnoseAsync(userId))["lastForgotPassword"] is JsonObject, TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// GET /api/users/{userId}/diagnosis as an operator (<paramref name="query"/> starts with <c>?</c>). Whatever the test
    /// is about, support must never read a template's raw placeholder (<c>{mergedIntoUsername}</c>): every message and
    /// remedy is checked for one.
    /// </summary>
    public async Task<JsonNode> DiagnoseAsync(string userId, string query = "", string? language = null)
    {
        var reply = await SendAsync(HttpMethod.Get, $"/api/users/{userId}/diagnosis{query}", asOperator: true, language: language);
        reply.ShouldBe(HttpStatusCode.OK);
        foreach (var blocker in reply.Json!["blockers"]!.AsArray())
        {
            foreach (var text in new[] { "message", "remedy" })
            {
                var words = blocker![text]!.GetValue<string>();
                Assert.False(words.Contains('{', StringComparison.Ordinal), $"The {text} of {blocker["code"]} has a placeholder left: {words}");
            }
        }

        return reply.Json!;
    }

    /// <summary>How many events of <paramref name="userId"/>'s audit trail are <paramref name="action"/> (<c>welcome_kit_sent</c>).</summary>
    public async Task<int> CountEventsAsync(string userId, string action) =>
        (await EventsAsync(userId)).Count(e => e!["action"]!.GetValue<string>() == action);

    public async Task<JsonArray> EventsAsync(string userId)
    {
        var reply = await SendAsync(HttpMethod.Get, $"/api/users/{userId}/events", asOperator: true);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["events"]!.AsArray();
    }
}

public sealed record TestUser(string Id, string Username, string Email);
