using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Orchestrations.PasswordRotations;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.StandaloneHost.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The orchestrations in the real app on a real Azurite: the reset-link expiry surviving a crash of the app, password
/// rotation run to its end, a failed orchestration as operators see it, and the operator routes over the task hub.
/// Links live 4 s, passwords 4 s (no reminder).
/// </summary>
public sealed class WorkflowFunctionsTests(WorkflowFunctionsTests.WorkflowApp app) : IClassFixture<WorkflowFunctionsTests.WorkflowApp>
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromSeconds(4);

    private Api api => app.Api;

    public sealed class WorkflowApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Passwords__ResetLinkLifetime"] = "00:00:04",
            ["Passwords__MaxAgeOverride"] = "00:00:04",
            ["Passwords__ReminderLeadOverride"] = "00:00:00",
            // A queued forgot-password request a killed process had taken comes back after this (2 min by default).
            ["Triggers__LocalMessageVisibility"] = "00:00:03",
        };
    }

    private async Task<TestUser> UserWithLinkAsync()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0 });
        (await api.SendAsync(HttpMethod.Post, "/api/password/forgot", new { login = user.Username })).ShouldBe(HttpStatusCode.Accepted);
        // Forgot-password is handled after the answer: the link exists once its email is out.
        await app.Mail.WaitForAsync(user.Email);
        return user;
    }

    private async Task<JsonNode> InstanceAsync(string workflow, string instanceId) =>
        (await api.SendAsync(HttpMethod.Get, $"/api/workflows/{workflow}/{instanceId}", asOperator: true)).ShouldBe(HttpStatusCode.OK).Json!;

    private async Task<JsonNode> WaitForStatusAsync(string workflow, string instanceId, string status, TimeSpan? timeout = null)
    {
        JsonNode? instance = null;
        await Eventually.TrueAsync(async () =>
        {
            instance = await InstanceAsync(workflow, instanceId);
            return instance["status"]!.GetValue<string>() == status;
        }, timeout);
        return instance!;
    }

    /// <summary>While the app is dead nothing can be observed: only its link's due time can pass.</summary>
    private static async Task PastDueAsync(DateTimeOffset issuedBefore) =>
        await Task.Delay(issuedBefore + LinkLifetime + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);

    private async Task ShouldExpireExactlyOnceAsync(TestUser user, TimeSpan? timeout = null)
    {
        var instance = await WaitForStatusAsync("ResetLink", user.Id, "completed", timeout);
        Assert.Equal("expired_unused", instance["outcome"]!.GetValue<string>());
        // A duplicate run of the activity would be a message of the task hub's work-item queue: count once it is empty.
        await app.QueuesEmptyAsync(IsolatedApp.DurableWorkItems);
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "reset_link_expired"));
        var token = PickupFolder.TokenIn(app.Mail.SentTo(user.Email).Single());
        var reset = await api.SendAsync(HttpMethod.Post, "/api/password/reset", new { token, newPassword = "Amber-Lighthouse-77" });
        reset.ShouldBeError(HttpStatusCode.BadRequest, "reset_link_invalid");
        Assert.Equal("expired", reset.Details!["reason"]!.GetValue<string>());
    }

    // --- durability ---

    [Fact]
    public async Task An_unused_link_expires_and_the_workflow_and_the_audit_trail_record_it()
    {
        var user = await UserWithLinkAsync();

        await ShouldExpireExactlyOnceAsync(user);

        var expired = (await api.EventsAsync(user.Id)).Single(e => e!["action"]!.GetValue<string>() == "reset_link_expired")!;
        Assert.Equal("expired_unused", expired["reason"]!.GetValue<string>());
        Assert.Equal("system", expired["actor"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_link_expires_exactly_once_when_the_app_was_killed_before_its_due_time()
    {
        var issued = DateTimeOffset.UtcNow;
        var user = await UserWithLinkAsync();
        // Killed once the email is on record as sent: handled again, the request must then send nothing more.
        await Eventually.TrueAsync(async () => await api.CountEventsAsync(user.Id, "reset_link_sent") == 1);
        app.App.Kill();

        await PastDueAsync(issued);
        await app.RestartAsync();
        var restarted = DateTimeOffset.UtcNow;

        // The killed process may have taken the orchestration's start message: it comes back once its visibility timeout
        // (host.json's controlQueueVisibilityTimeout, 5 s in the tests) has run out.
        await ShouldExpireExactlyOnceAsync(user, TimeSpan.FromSeconds(40));
        Console.WriteLine($"Expiry recorded {(DateTimeOffset.UtcNow - restarted).TotalSeconds:0.0} s after the restart.");

        // The forgot-password request may have come back too (killed before it was taken off its queue): it was
        // answered already, so it sent no second link.
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "reset_link_issued"));
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "reset_link_sent"));
    }

    [Fact]
    public async Task A_password_rotates_to_its_expiry_on_the_durable_engine()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var instance = await WaitForStatusAsync("PasswordRotation", user.Id, "completed", TimeSpan.FromSeconds(30));

        Assert.Equal("expired", instance["outcome"]!.GetValue<string>());
        Assert.Null(instance["step"]);
        Assert.Equal(user.Id, instance["state"]!["userId"]!.GetValue<string>());
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "password_expired"));
    }

    [Fact]
    public async Task An_orchestration_that_fails_shows_its_failure_to_operators()
    {
        // A rotation started without its input (as only a bug or a hand-made start could): the orchestrator throws.
        var userId = "usr_broken" + Guid.NewGuid().ToString("N")[..12];
        await using var client = TaskHubClientOf(app.ConnectionString);
        await client.ScheduleNewOrchestrationInstanceAsync(PasswordRotationOrchestrator.Name, input: null,
            new Microsoft.DurableTask.StartOrchestrationOptions(DurablePasswordRotationTracker.InstanceIdFor(userId)));

        var failed = await WaitForStatusAsync("PasswordRotation", userId, "failed", TimeSpan.FromSeconds(30));

        Assert.Equal($"System.InvalidOperationException: password-rotation:{userId} was started without its password.", failed["error"]!.GetValue<string>());
        Assert.Null(failed["outcome"]);
        var listed = await ListAsync("?workflow=PasswordRotation&status=failed");
        Assert.Contains(listed, i => i["instanceId"]!.GetValue<string>() == userId);
    }

    /// <summary>A client of the app's task hub, as an operator's tool would open it: the same storage, hub name and settings.</summary>
    private static TaskHubClient TaskHubClientOf(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = connectionString })
            .Build();
        return new TaskHubClient(new TaskHub(DurableTaskHubSettings.Load(AppContext.BaseDirectory, configuration), new AppSettings(configuration), NullLoggerFactory.Instance));
    }

    // --- operator routes ---

    [Fact]
    public async Task An_instance_shows_its_status_step_due_time_and_state()
    {
        var user = await UserWithLinkAsync();

        var instance = await WaitForStatusAsync("ResetLink", user.Id, "running");

        Assert.Equal("ResetLink", instance["workflow"]!.GetValue<string>());
        Assert.Equal(user.Id, instance["instanceId"]!.GetValue<string>());
        Assert.Equal("running", instance["status"]!.GetValue<string>());
        Assert.Equal("expire", instance["step"]!.GetValue<string>());
        Assert.EndsWith("Z", instance["dueAt"]!.GetValue<string>());
        Assert.NotNull(instance["state"]!["linkId"]);
    }

    [Fact]
    public async Task The_list_filters_by_workflow_and_status()
    {
        var user = await UserWithLinkAsync();
        await WaitForStatusAsync("ResetLink", user.Id, "running");

        var running = await ListAsync("?workflow=ResetLink&status=running");
        var completed = await ListAsync("?workflow=ResetLink&status=completed");
        var rotation = await ListAsync("?workflow=PasswordRotation");

        Assert.Contains(running, i => i["instanceId"]!.GetValue<string>() == user.Id);
        Assert.All(running, i => Assert.Equal(("ResetLink", "running"), (i["workflow"]!.GetValue<string>(), i["status"]!.GetValue<string>())));
        Assert.DoesNotContain(completed, i => i["instanceId"]!.GetValue<string>() == user.Id);
        Assert.All(completed, i => Assert.Equal("completed", i["status"]!.GetValue<string>()));
        Assert.All(rotation, i => Assert.Equal("PasswordRotation", i["workflow"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_list_is_newest_first_and_limited_by_max()
    {
        var first = await UserWithLinkAsync();
        await WaitForStatusAsync("ResetLink", first.Id, "running");
        var second = await UserWithLinkAsync();
        await WaitForStatusAsync("ResetLink", second.Id, "running");

        // Other tests of this class leave instances of their own, which may start again later (a new link), even between
        // the two reads: the order is checked among all of them, and max=1 must give the newest of the same moment's
        // list, so the two are read again until no instance started in between.
        var all = await ListAsync("?workflow=ResetLink");
        var listed = await ListAsync("?workflow=ResetLink&max=1");
        for (var attempt = 0; attempt < 5 && !SameNewest(all, listed, await ListAsync("?workflow=ResetLink")); attempt++)
        {
            all = await ListAsync("?workflow=ResetLink");
            listed = await ListAsync("?workflow=ResetLink&max=1");
        }

        var ids = all.Select(i => i["instanceId"]!.GetValue<string>()).ToList();
        var created = all.Select(i => i["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.True(ids.IndexOf(second.Id) < ids.IndexOf(first.Id) && ids.IndexOf(second.Id) >= 0, string.Join(", ", ids));
        Assert.Equal(created.OrderByDescending(c => c), created);
        Assert.Equal(ids[0], Assert.Single(listed)["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_list_since_a_time_leaves_out_the_instances_created_before()
    {
        var user = await UserWithLinkAsync();
        var instance = await WaitForStatusAsync("ResetLink", user.Id, "running");
        var created = instance["createdAt"]!.GetValue<DateTimeOffset>();

        var from = await ListAsync("?workflow=ResetLink&since=" + Uri.EscapeDataString(created.AddSeconds(-1).ToString("O")));
        var after = await ListAsync("?workflow=ResetLink&since=" + Uri.EscapeDataString(created.AddSeconds(1).ToString("O")));

        Assert.Contains(from, i => i["instanceId"]!.GetValue<string>() == user.Id);
        Assert.DoesNotContain(after, i => i["instanceId"]!.GetValue<string>() == user.Id);
        Assert.All(after, i => Assert.True(i["createdAt"]!.GetValue<DateTimeOffset>() >= created.AddSeconds(1)));
    }

    /// <summary>Whether no instance started between the reads: the full list's newest is the same before and after.</summary>
    private static bool SameNewest(List<JsonNode> before, List<JsonNode> listed, List<JsonNode> after) =>
        Newest(before) == Newest(after) && Newest(listed) == Newest(before);

    private static string? Newest(List<JsonNode> list) => list.FirstOrDefault()?["instanceId"]?.GetValue<string>();

    [Theory]
    [InlineData("?status=bogus", "status")]
    [InlineData("?status=Running", "status")]
    [InlineData("?max=0", "max")]
    [InlineData("?max=1001", "max")]
    [InlineData("?workflow=NoSuchWorkflow", "workflow")]
    [InlineData("?since=yesterday", "since")]
    public async Task A_bad_filter_is_an_invalid_request(string query, string field)
    {
        var reply = await api.SendAsync(HttpMethod.Get, "/api/workflows" + query, asOperator: true);

        reply.ShouldBeInvalidRequest(field);
    }

    [Fact]
    public async Task A_max_that_is_not_a_number_is_an_invalid_request_naming_max()
    {
        // API.md: a wrong type is 400 invalid_request with details.field naming the field at fault.
        var reply = await api.SendAsync(HttpMethod.Get, "/api/workflows?max=abc", asOperator: true);

        reply.ShouldBeInvalidRequest("max");
    }

    [Theory]
    [InlineData("ResetLink/usr_nobody")]
    [InlineData("NoSuchWorkflow/usr_nobody")]
    public async Task An_unknown_instance_is_not_found(string path)
    {
        var reply = await api.SendAsync(HttpMethod.Get, "/api/workflows/" + path, asOperator: true);

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("/api/workflows")]
    [InlineData("/api/workflows/ResetLink/usr_nobody")]
    public async Task Without_the_operator_key_the_routes_are_unauthorized(string path)
    {
        (await api.SendAsync(HttpMethod.Get, path)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");

        var wrongKey = new HttpRequestMessage(HttpMethod.Get, path);
        wrongKey.Headers.Add("X-Operator-Key", "not-the-key");
        (await api.SendAsync(wrongKey)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("/api/workflows")]
    [InlineData("/api/workflows/ResetLink/usr_nobody")]
    public async Task A_signed_in_administrator_is_forbidden(string path)
    {
        var (_, _, administrator) = await api.CreateStaffAsync("administrator", policy: new { passwordMaxAgeDays = 0 });
        var token = await api.TokenAsync(administrator.Username, "management");

        (await api.SendAsync(HttpMethod.Get, path, bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<List<JsonNode>> ListAsync(string query) =>
        (await api.SendAsync(HttpMethod.Get, "/api/workflows" + query, asOperator: true)).ShouldBe(HttpStatusCode.OK)
            .Json!["instances"]!.AsArray().Select(i => i!).ToList();
}
