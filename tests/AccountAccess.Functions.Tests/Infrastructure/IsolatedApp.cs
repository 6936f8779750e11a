using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// A test class's own app on its own Azurite, with email and SMS pickup folders. Its own storage matters for workflow tests:
/// every app works the task hub of its storage account, so on the shared Azurite another test class's app (with other
/// settings, and no pickup folder) could run this class's orchestrations and send its emails.
/// </summary>
public abstract class IsolatedApp : IAsyncLifetime
{
    private AzuriteServer? azurite;

    public RunningApp App { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    public PickupFolder Mail { get; } = new();

    public SmsPickupFolder Sms { get; } = new();

    public string ConnectionString => azurite!.ConnectionString;

    /// <summary>
    /// The settings of this app beyond <see cref="RunningApp.DefaultSettings"/> and the pickup folders (which they may
    /// override: an empty <c>Email__PickupDirectory</c> sends over SMTP).
    /// </summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The port the app listens on; null: one it picks (a page origin known in advance needs one chosen here).</summary>
    protected virtual int? Port => null;

    /// <summary>What must run before the app starts and <see cref="Settings"/> is read (a test SMTP server).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>What must stop after the app (a test SMTP server).</summary>
    protected virtual ValueTask AfterStopAsync() => ValueTask.CompletedTask;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        await BeforeStartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Email__PickupDirectory"] = Mail.Path,
            ["Sms__PickupDirectory"] = Sms.Path,
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        App = await RunningApp.StartAsync(settings, azurite.ConnectionString, Port);
        Api = new Api(App.CreateClient());
    }

    /// <summary>The task hub's work-item queue (activities to run), as Durable Functions names it from the hub.</summary>
    public const string DurableWorkItems = "accountaccess-workitems";

    /// <summary>
    /// Waits until <paramref name="queues"/> of this app's storage hold no message, visible or not: every message taken
    /// has been handled and deleted, and none is waiting to come back. What a test must see before it says that something
    /// did not happen a second time.
    /// </summary>
    public Task QueuesEmptyAsync(params string[] queues) =>
        Eventually.TrueAsync(async () =>
        {
            foreach (var queue in queues)
            {
                var client = new Azure.Storage.Queues.QueueClient(ConnectionString, queue);
                if (await client.ExistsAsync() && (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(60));

    /// <summary>Starts the app again after <see cref="RunningApp.Kill"/>; it listens on a new port, so <see cref="Api"/> is renewed.</summary>
    public async Task RestartAsync()
    {
        await App.RestartAsync();
        Api.Http.Dispose();
        Api = new Api(App.CreateClient());
    }

    public async Task DisposeAsync()
    {
        Api.Http.Dispose();
        await App.DisposeAsync();
        azurite?.Dispose();
        Mail.Dispose();
        Sms.Dispose();
        await AfterStopAsync();
    }
}
