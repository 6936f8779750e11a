using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.HostDouble.Tests;

/// <summary>
/// The code that runs in Azure — the worker's entry point, the ASP.NET Core integration, the worker middleware running the
/// shared HTTP pipeline, <c>[FromBody]</c> through our feature, typed results, the <c>[DurableClient]</c> handed to Core's
/// workflow ports — run under a double of the Functions host, with the answers and effects a client would see.
/// </summary>
public sealed class WorkerPathTests(WorkerUnderHostDouble worker) : IClassFixture<WorkerUnderHostDouble>
{
    private static readonly TimeSpan EffectTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_worker_describes_and_loads_every_function_of_the_app()
    {
        Assert.Contains("HttpUri", worker.Init.Capabilities.Keys);
        Assert.Contains("Login", worker.Functions.Keys);
        Assert.Contains("ScheduledWelcomeKits", worker.Functions.Keys);
        Assert.Contains("HandleForgotPassword", worker.Functions.Keys);
        Assert.Contains("PasswordRotation", worker.Functions.Keys);
        Assert.All(worker.Loaded, loaded => Assert.True(
            loaded.Value.Result.Status == StatusResult.Types.Status.Success, $"{loaded.Key}: {loaded.Value.Result.Exception?.Message}"));
    }

    [Fact]
    public async Task An_http_function_answers_the_forwarded_request_with_the_headers_of_the_shared_pipeline()
    {
        var (http, invocation) = await worker.InvokeHttpAsync("Health", new HttpRequestMessage(HttpMethod.Get, "health"));

        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Equal("ok", (await http.Content.ReadFromJsonAsync<JsonNode>())!["status"]!.GetValue<string>());
        Assert.Equal("nosniff", http.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(http.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
    }

    [Fact]
    public async Task A_body_missing_a_field_is_a_400_invalid_request_naming_the_field_in_the_contract_envelope()
    {
        var (http, _) = await worker.InvokeHttpAsync("Login", new HttpRequestMessage(HttpMethod.Post, "auth/login")
        {
            Content = JsonContent.Create(new { password = "correct horse battery", portal = "employee" }),
        });

        var error = await ErrorOf(http, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", error["code"]!.GetValue<string>());
        Assert.Equal("login", error["details"]!["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_invalid_request()
    {
        var (http, _) = await worker.InvokeHttpAsync("Login", new HttpRequestMessage(HttpMethod.Post, "auth/login")
        {
            Content = new StringContent("{\"login\": ", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal("invalid_request", (await ErrorOf(http, HttpStatusCode.BadRequest))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_password_for_an_unknown_login_is_a_401_in_the_language_asked_for()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "auth/login")
        {
            Content = JsonContent.Create(new { login = "nobody-" + Guid.NewGuid().ToString("N"), password = "correct horse battery", portal = "employee" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("fr");

        var (http, _) = await worker.InvokeHttpAsync("Login", request);

        var error = await ErrorOf(http, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_credentials", error["code"]!.GetValue<string>());
        Assert.Equal("Nom d'utilisateur ou mot de passe incorrect, ou compte désactivé.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operator_route_refuses_a_caller_without_the_operator_key()
    {
        var (http, _) = await worker.InvokeHttpAsync("CreateOrganization", new HttpRequestMessage(HttpMethod.Post, "organizations")
        {
            Content = JsonContent.Create(new { name = "Studio Fit" }),
        });

        Assert.Equal("unauthorized", (await ErrorOf(http, HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_a_user_with_a_password_starts_its_rotation_through_the_host_s_durable_client()
    {
        var organizationId = await OrganizationAsync();

        var userId = await UserAsync(organizationId, password: "correct horse battery");

        var rotation = await worker.Durable.Client.GetInstanceAsync("password-rotation:" + userId);
        Assert.NotNull(rotation);
        Assert.Equal("PasswordRotation", rotation.Name);
    }

    [Fact]
    public async Task A_queued_forgot_password_request_reaches_its_function_which_emails_the_link_and_starts_its_workflow()
    {
        var organizationId = await OrganizationAsync();
        var username = "queue-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await UserAsync(organizationId, password: "correct horse battery", username: username);
        var message = JsonSerializer.Serialize(new { login = username, ip = "203.0.113.9", requestedAt = DateTimeOffset.UtcNow }, JsonSerializerOptions.Web);

        var invocation = await worker.InvokeQueueAsync("HandleForgotPassword", message);

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        await WaitForEmailToAsync(username + "@example.com");
        Assert.NotNull(await worker.Durable.Client.GetInstanceAsync("reset-link:" + userId));
    }

    [Fact]
    public async Task A_queue_message_its_function_cannot_read_fails_the_invocation_for_the_host_to_retry_it()
    {
        var invocation = await worker.InvokeQueueAsync("DeliverWelcomeKit", "not json");

        Assert.Equal(StatusResult.Types.Status.Failure, invocation.Result.Status);
    }

    [Fact]
    public async Task A_timer_tick_runs_its_function_which_sends_the_pending_welcome_kits()
    {
        var organizationId = await OrganizationAsync();
        var username = "timer-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await UserAsync(organizationId, password: null, username: username);

        var invocation = await worker.InvokeTimerAsync("ScheduledWelcomeKits");

        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        await WaitForEmailToAsync(username + "@example.com");
        Assert.NotNull(await worker.Durable.Client.GetInstanceAsync("reset-link:" + userId));
    }

    [Fact]
    public async Task A_users_route_is_authorized_on_the_user_the_host_routed_to_before_its_body_is_read()
    {
        // The host passes {userId} as binding data; the pipeline authorizes on it before reading the body: the member's own
        // administrator reaches the body (400 for a malformed one), an outsider gets 403 whatever the body.
        var organizationId = await OrganizationAsync();
        var memberId = await UserAsync(organizationId, password: null);
        var ownAdministrator = await TokenAsync(organizationId);
        var outsider = await TokenAsync(await OrganizationAsync());

        var (own, _) = await worker.InvokeHttpAsync("SetUserPassword", Malformed($"users/{memberId}/password", ownAdministrator));
        var (foreign, _) = await worker.InvokeHttpAsync("SetUserPassword", Malformed($"users/{memberId}/password", outsider));

        Assert.Equal("invalid_request", (await ErrorOf(own, HttpStatusCode.BadRequest))["code"]!.GetValue<string>());
        Assert.Equal("forbidden", (await ErrorOf(foreign, HttpStatusCode.Forbidden))["code"]!.GetValue<string>());
    }

    /// <summary>A new administrator of <paramref name="organizationId"/>, signed in on the management portal: its access token.</summary>
    private async Task<string> TokenAsync(string organizationId)
    {
        var username = "admin-" + Guid.NewGuid().ToString("N")[..8];
        var (created, _) = await worker.InvokeHttpAsync("CreateUser", AsOperator(HttpMethod.Post, $"organizations/{organizationId}/users", new
        {
            username,
            displayName = "Admin",
            role = "administrator",
            email = username + "@example.com",
            password = "correct horse battery",
        }));
        await BodyOf(created, HttpStatusCode.Created);
        var (login, _) = await worker.InvokeHttpAsync("Login", new HttpRequestMessage(HttpMethod.Post, "auth/login")
        {
            Content = JsonContent.Create(new { login = username, password = "correct horse battery", portal = "management" }),
        });
        return (await BodyOf(login, HttpStatusCode.OK))["accessToken"]!.GetValue<string>();
    }

    private static HttpRequestMessage Malformed(string path, string bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("[1,2", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    private async Task<string> OrganizationAsync()
    {
        var (organization, _) = await worker.InvokeHttpAsync("CreateOrganization", AsOperator(HttpMethod.Post, "organizations", new { name = "Studio Fit" }));
        var organizationId = (await BodyOf(organization, HttpStatusCode.Created))["id"]!.GetValue<string>();
        return organizationId;
    }

    private async Task<string> UserAsync(string organizationId, string? password, string? username = null)
    {
        var (unit, _) = await worker.InvokeHttpAsync("AddUnit", AsOperator(HttpMethod.Post, $"organizations/{organizationId}/units", new { name = "Downtown" }));
        var unitId = (await BodyOf(unit, HttpStatusCode.Created))["id"]!.GetValue<string>();
        username ??= "jean-" + Guid.NewGuid().ToString("N")[..8];
        var (user, invocation) = await worker.InvokeHttpAsync("CreateUser", AsOperator(HttpMethod.Post, $"organizations/{organizationId}/users", new
        {
            username,
            displayName = "Jean",
            role = "employee",
            email = username + "@example.com",
            unitIds = new[] { unitId },
            password,
        }));
        Assert.Equal(StatusResult.Types.Status.Success, invocation.Result.Status);
        return (await BodyOf(user, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    private static HttpRequestMessage AsOperator(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Operator-Key", WorkerUnderHostDouble.OperatorKey);
        return request;
    }

    private async Task<JsonNode> BodyOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}{Environment.NewLine}{worker.Logs}");
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> ErrorOf(HttpResponseMessage response, HttpStatusCode expected) =>
        (await BodyOf(response, expected))["error"]!;

    private async Task WaitForEmailToAsync(string address)
    {
        using var timeout = new CancellationTokenSource(EffectTimeout);
        while (!Directory.EnumerateFiles(worker.MailFolder, "*.eml").Any(file => File.ReadAllText(file).Contains(address, StringComparison.OrdinalIgnoreCase)))
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
