using AccountAccess.Functions.Hosting;
using DurableTask.AzureStorage;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>
/// The Durable Functions task hub, reached through the Durable Task Framework's Azure Storage provider — the backend
/// Durable Functions itself runs on, with the same tables, queues and blobs — as host.json's <c>durableTask</c> section
/// describes it (hub name, connection, partitions, polling): what the standalone host's engine (<see cref="DurableTaskHost"/>)
/// and client (<see cref="TaskHubClient"/>) run on. Under the Functions host, the host's Durable extension owns the hub.
/// </summary>
public sealed class TaskHub : IDisposable
{
    public TaskHub(DurableTaskHubSettings hub, AppSettings settings, ILoggerFactory logs)
    {
        Name = settings.Resolve(hub.HubName);
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = Name,
            StorageAccountClientProvider = new StorageAccountClientProvider(settings.Value(hub.ConnectionName)),
            PartitionCount = hub.PartitionCount,
            MaxQueuePollingInterval = hub.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = hub.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = hub.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = hub.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = hub.MaxConcurrentOrchestratorFunctions,
            LoggerFactory = logs,
        });
    }

    /// <summary>The hub's name (host.json's <c>%DurableTask:HubName%</c>, resolved).</summary>
    public string Name { get; }

    public AzureStorageOrchestrationService Service { get; }

    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    /// <summary>
    /// Creates the hub's tables, queues and blobs if they are missing (idempotent, as every Durable worker does at start),
    /// once per process; a failure (storage unreachable) is retried at the next call, so service resumes by itself.
    /// </summary>
    public async Task EnsureCreatedAsync()
    {
        if (created)
        {
            return;
        }

        await creating.WaitAsync();
        try
        {
            if (!created)
            {
                await Service.CreateIfNotExistsAsync();
                created = true;
            }
        }
        finally
        {
            creating.Release();
        }
    }

    public void Dispose()
    {
        Service.Dispose();
        creating.Dispose();
    }
}
