using AccountAccess.Functions.Hosting;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>
/// The Durable Functions task hub as host.json's <c>extensions.durableTask</c> describes it: its name (a <c>%Setting%</c>
/// expression), the storage connection setting, and the Azure Storage provider's settings that matter (PLATFORM.md).
/// Defaults are Durable Functions' own. Under the Functions host, the host's Durable extension reads the same section;
/// here the standalone host's engine and client read it (<see cref="TaskHub"/>), overridable as the host allows
/// (<c>AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval</c>).
/// </summary>
public sealed record DurableTaskHubSettings(
    string HubName,
    string ConnectionName,
    int PartitionCount,
    TimeSpan MaxQueuePollingInterval,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout,
    int MaxConcurrentActivityFunctions,
    int MaxConcurrentOrchestratorFunctions)
{
    public static DurableTaskHubSettings Defaults { get; } = new(
        "TestHubName", "AzureWebJobsStorage", 4, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), 10 * Environment.ProcessorCount, 10 * Environment.ProcessorCount);

    public static DurableTaskHubSettings Load(string directory, IConfiguration? configuration = null)
    {
        var file = HostJson.Read(directory, configuration);
        var durable = Defaults;
        return new DurableTaskHubSettings(
            file.Value("extensions", "durableTask", "hubName") ?? durable.HubName,
            file.Value("extensions", "durableTask", "storageProvider", "connectionName") ?? durable.ConnectionName,
            file.Integer(durable.PartitionCount, "extensions", "durableTask", "storageProvider", "partitionCount"),
            file.Duration(durable.MaxQueuePollingInterval, "extensions", "durableTask", "storageProvider", "maxQueuePollingInterval"),
            file.Duration(durable.ControlQueueVisibilityTimeout, "extensions", "durableTask", "storageProvider", "controlQueueVisibilityTimeout"),
            file.Duration(durable.WorkItemQueueVisibilityTimeout, "extensions", "durableTask", "storageProvider", "workItemQueueVisibilityTimeout"),
            file.Integer(durable.MaxConcurrentActivityFunctions, "extensions", "durableTask", "maxConcurrentActivityFunctions"),
            file.Integer(durable.MaxConcurrentOrchestratorFunctions, "extensions", "durableTask", "maxConcurrentOrchestratorFunctions"));
    }
}
