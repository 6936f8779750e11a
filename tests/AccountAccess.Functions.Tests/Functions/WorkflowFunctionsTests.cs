using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Core.Workflows;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Storage;

namespace AccountAccess.Functions.Tests.Functions;

/// <summary>
/// Workflows in the real app on a real Azurite: the reset-link orchestration (Durable Functions) surviving a crash of
/// the app; the older workflow runtime, which still runs password rotation, with a timer lost between the table write and
/// the enqueue (found again by the sweep) and a step that keeps failing (instance failed, message poisoned); and the
/// operator routes over both. Links live 4 s, passwords 4 s; the sweep runs every second with a one-second grace.
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
            ["Workflows__SweepSchedule"] = "* * * * * *",
            ["Workflows__SweepGrace"] = "00:00:01",
            ["Passwords__MaxAgeOverride"] = "00:00:04",
            ["Passwords__ReminderLeadOverride"] = "00:00:00",
        };
    }

    private async Task<TestUser> UserWithLinkAsync()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0 });
        (await api.SendAsync(HttpMethod.Post, "/api/password/forgot", new { login = user.Username })).ShouldBe(HttpStatusCode.Accepted);
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

    private static async Task PastDueAsync(DateTimeOffset issuedBefore) =>
        await Task.Delay(issuedBefore + LinkLifetime + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);

    private async Task ShouldExpireExactlyOnceAsync(TestUser user, TimeSpan? timeout = null)
    {
        var instance = await WaitForStatusAsync("ResetLink", user.Id, "completed", timeout);
        Assert.Equal("expired_unused", instance["outcome"]!.GetValue<string>());
        // Give any duplicate delivery (the queue's, the sweep's) the time to run before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));
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
        app.App.Kill();

        await PastDueAsync(issued);
        await app.RestartAsync();
        var restarted = DateTimeOffset.UtcNow;

        // The killed process may have taken the orchestration's start message: it comes back once its visibility timeout
        // (host.json's controlQueueVisibilityTimeout, 5 s in the tests) has run out.
        await ShouldExpireExactlyOnceAsync(user, TimeSpan.FromSeconds(40));
        Console.WriteLine($"Expiry recorded {(DateTimeOffset.UtcNow - restarted).TotalSeconds:0.0} s after the restart.");
    }

    [Fact]
    public async Task A_timer_lost_between_saving_the_step_and_sending_it_is_sent_again_by_the_sweep()
    {
        var created = DateTimeOffset.UtcNow;
        var (_, _, user) = await api.CreateStaffAsync();
        await WaitForStatusAsync("PasswordRotation", user.Id, "running");
        app.App.Kill();
        var queue = await new StorageQueues(new StorageOptions { ConnectionString = app.ConnectionString }).GetAsync(StorageQueues.WorkflowTimers, CancellationToken.None);
        await queue.ClearMessagesAsync();

        await PastDueAsync(created);
        await app.RestartAsync();

        var instance = await WaitForStatusAsync("PasswordRotation", user.Id, "completed", TimeSpan.FromSeconds(30));
        Assert.Equal("expired", instance["outcome"]!.GetValue<string>());
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "password_expired"));
    }

    [Fact]
    public async Task A_step_that_keeps_failing_marks_the_instance_failed_and_poisons_its_message()
    {
        // A PasswordRotation instance whose state the workflow cannot read (changedAt is a number): its due step throws every time.
        var instanceId = "usr_poison" + Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;
        var storage = new StorageOptions { ConnectionString = app.ConnectionString };
        var broken = new WorkflowInstance
        {
            Workflow = "PasswordRotation",
            InstanceId = instanceId,
            Step = "expire",
            StepId = "0123456789abcdef",
            DueAt = now,
            State = """{"changedAt":5,"expiresAt":"2026-01-01T00:00:00Z"}""",
            CreatedAt = now,
            UpdatedAt = now,
        };
        await new TableWorkflowStore(new StorageTables(storage)).SaveAsync(null, broken, CancellationToken.None);
        await new QueueDurableTimers(new StorageQueues(storage)).ScheduleAsync(
            new DurableTimer("PasswordRotation", instanceId, broken.StepId, now), TimeSpan.Zero, CancellationToken.None);

        // Five deliveries, host.json's 5 s apart, before the last one.
        var failed = await WaitForStatusAsync("PasswordRotation", instanceId, "failed", TimeSpan.FromSeconds(120));

        Assert.Contains("JsonException", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var poison = await new StorageQueues(storage).GetAsync(StorageQueues.PoisonOf(StorageQueues.WorkflowTimers), CancellationToken.None);
        var poisoned = await poison.PeekMessagesAsync(32);
        Assert.Contains(poisoned.Value, m => QueueDurableTimers.Parse(m.MessageText).InstanceId == instanceId);
        var listed = await api.SendAsync(HttpMethod.Get, "/api/workflows?workflow=PasswordRotation&status=failed", asOperator: true);
        Assert.Contains(listed.ShouldBe(HttpStatusCode.OK).Json!["instances"]!.AsArray(), i => i!["instanceId"]!.GetValue<string>() == instanceId);
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
        var second = await UserWithLinkAsync();

        var listed = await ListAsync("?workflow=ResetLink&max=1");

        Assert.Equal(second.Id, Assert.Single(listed)["instanceId"]!.GetValue<string>());
        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory]
    [InlineData("?status=bogus", "status")]
    [InlineData("?status=Running", "status")]
    [InlineData("?max=0", "max")]
    [InlineData("?max=1001", "max")]
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
