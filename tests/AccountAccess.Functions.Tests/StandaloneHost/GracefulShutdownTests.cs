using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.StandaloneHost;

/// <summary>
/// Asked to stop (SIGTERM: Ctrl+C on <c>./scripts/start</c>, a container or instance being stopped), the app ends within
/// its shutdown timeout — also when storage is already gone, where the durable engine's own stop would wait for storage
/// for ever. What it abandons comes back from the queues.
/// </summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    // The host's shutdown timeout, then the runtime's own exit: generous for a loaded CI machine, far below "never".
    private static readonly TimeSpan Limit = ShutdownTimeout + TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["shutdownTimeoutSeconds"] = ((int)ShutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "accountaccess-shutdown-mail"),
    };

    [Fact]
    public async Task The_app_stops_promptly_when_asked()
    {
        using var azurite = await AzuriteServer.StartAsync();
        await using var app = await RunningApp.StartAsync(Settings, azurite.ConnectionString);
        await WaitForTheDurableEngineAsync(app);

        var took = await app.TerminateAsync(Limit);

        Assert.True(took < Limit, $"took {took}");
    }

    [Fact]
    public async Task The_app_stops_within_its_shutdown_timeout_when_storage_is_already_gone()
    {
        var azurite = await AzuriteServer.StartAsync();
        await using var app = await RunningApp.StartAsync(Settings, azurite.ConnectionString);
        await WaitForTheDurableEngineAsync(app);

        azurite.Dispose();
        using (var client = app.CreateClient())
        {
            await Eventually.TrueAsync(async () => (await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.ServiceUnavailable);
        }

        var took = await app.TerminateAsync(Limit);

        Assert.True(took < Limit, $"took {took}");
        Assert.Contains("The durable engine did not stop within the host's shutdown timeout", app.Output);
    }

    /// <summary>A new user's password rotation runs on the durable engine: once it runs, the engine holds its queues.</summary>
    private static async Task WaitForTheDurableEngineAsync(RunningApp app)
    {
        var api = new Api(app.CreateClient());
        var (_, _, user) = await api.CreateStaffAsync();
        await Eventually.TrueAsync(
            async () => (await api.SendAsync(HttpMethod.Get, $"/api/workflows/PasswordRotation/{user.Id}", asOperator: true)).Json?["status"]?.GetValue<string>() == "running",
            TimeSpan.FromSeconds(30));
    }
}
