namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The Durable Functions task hub as host.json's <c>extensions.durableTask</c> describes it: its name (a <c>%Setting%</c>
/// expression), the storage connection setting, and the Azure Storage provider's settings that matter (PLATFORM.md).
/// Defaults are Durable Functions' own.
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
}
