using AccountAccess.StandaloneHost.Durable;
using AccountAccess.Testing;
using Microsoft.Extensions.Configuration;

namespace AccountAccess.Functions.Tests.StandaloneHost;

/// <summary>The standalone host runs the task hub host.json describes, as the Functions host's Durable extension would.</summary>
public sealed class DurableTaskHubSettingsTests
{
    [Fact]
    public void The_repository_s_host_json_names_the_hub_by_setting_on_the_storage_connection_with_four_partitions()
    {
        var hub = DurableTaskHubSettings.Load(RepositoryPaths.Root);

        Assert.Equal("%DurableTask:HubName%", hub.HubName);
        Assert.Equal("Storage:ConnectionString", hub.ConnectionName);
        Assert.Equal(4, hub.PartitionCount);
    }

    [Fact]
    public void A_setting_under_AzureFunctionsJobHost_overrides_the_durable_section_as_the_functions_host_allows()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
        }).Build();

        var hub = DurableTaskHubSettings.Load(RepositoryPaths.Root, configuration);

        Assert.Equal(TimeSpan.FromSeconds(1), hub.MaxQueuePollingInterval);
    }
}
