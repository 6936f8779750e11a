using AccountAccess.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>Both hosts route and retry by the same host.json.</summary>
public sealed class HostJsonTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hostjson-").FullName;

    [Fact]
    public void The_repository_s_host_json_gives_the_api_prefix_and_five_deliveries_five_seconds_apart()
    {
        var host = HostJson.Load(RepositoryPaths.Root);

        Assert.Equal("api", host.RoutePrefix);
        Assert.Equal(5, host.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(5), host.VisibilityTimeout);
        Assert.Equal(16, host.BatchSize);
    }

    [Fact]
    public void A_setting_under_AzureFunctionsJobHost_overrides_host_json_as_the_functions_host_allows()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
        }).Build();

        var host = HostJson.Load(RepositoryPaths.Root, configuration);

        Assert.Equal(2, host.MaxDequeueCount);
    }

    [Fact]
    public void What_host_json_leaves_out_takes_the_functions_host_s_defaults()
    {
        File.WriteAllText(Path.Combine(folder, "host.json"), """{ "version": "2.0" }""");

        Assert.Equal(HostJson.Defaults, HostJson.Load(folder));
    }

    [Fact]
    public void Each_value_host_json_sets_is_read()
    {
        File.WriteAllText(Path.Combine(folder, "host.json"), """
            { "version": "2.0", // comments are allowed, as the host allows them
              "extensions": { "http": { "routePrefix": "" }, "queues": { "maxDequeueCount": 2, "visibilityTimeout": "00:01:00", "batchSize": 8 } } }
            """);

        Assert.Equal(new HostJson("", 2, TimeSpan.FromMinutes(1), 8), HostJson.Load(folder));
    }

    [Fact]
    public void A_missing_host_json_stops_the_host_naming_the_file()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => HostJson.Load(folder));

        Assert.Contains("host.json", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
