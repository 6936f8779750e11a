using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// What the app takes from <c>host.json</c> (beside the app, where the Functions host reads it): the HTTP route prefix,
/// the queue trigger's delivery rules and the Durable Functions task hub, so that both hosts route, retry and run
/// orchestrations alike. A value can be overridden as the Functions host allows, by the setting
/// <c>AzureFunctionsJobHost:&lt;path&gt;</c> (<c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount=3</c>).
/// </summary>
public sealed record HostJson(string RoutePrefix, int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, DurableTaskHubSettings DurableTask)
{
    public const string FileName = "host.json";

    private const string OverrideSection = "AzureFunctionsJobHost";

    /// <summary>The Functions host's defaults where host.json says nothing.</summary>
    public static HostJson Defaults { get; } = new("api", 5, TimeSpan.Zero, 16, DurableTaskHubSettings.Defaults);

    /// <summary>The path an <c>[HttpTrigger]</c> route is served at, below the route prefix (<c>api/auth/login</c>).</summary>
    public string PathOf(string functionRoute) => string.IsNullOrEmpty(RoutePrefix) ? functionRoute : $"{RoutePrefix}/{functionRoute}";

    public static HostJson Load(string directory, IConfiguration? configuration = null)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: the build copies the repository's host.json beside the app.");
        }

        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidOperationException($"{path} is empty.");

        string? Value(params string[] keys)
        {
            if (configuration?[string.Join(':', [OverrideSection, .. keys])] is { } overridden)
            {
                return overridden;
            }

            var node = keys.Aggregate<string, JsonNode?>(root, (current, key) => current?[key]);
            return node?.ToString();
        }

        int Integer(int fallback, params string[] keys) => Value(keys) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Duration(TimeSpan fallback, params string[] keys) => Value(keys) is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var durable = DurableTaskHubSettings.Defaults;
        return new HostJson(
            Value("extensions", "http", "routePrefix") ?? Defaults.RoutePrefix,
            Integer(Defaults.MaxDequeueCount, "extensions", "queues", "maxDequeueCount"),
            Duration(Defaults.VisibilityTimeout, "extensions", "queues", "visibilityTimeout"),
            Integer(Defaults.BatchSize, "extensions", "queues", "batchSize"),
            new DurableTaskHubSettings(
                Value("extensions", "durableTask", "hubName") ?? durable.HubName,
                Value("extensions", "durableTask", "storageProvider", "connectionName") ?? durable.ConnectionName,
                Integer(durable.PartitionCount, "extensions", "durableTask", "storageProvider", "partitionCount"),
                Duration(durable.MaxQueuePollingInterval, "extensions", "durableTask", "storageProvider", "maxQueuePollingInterval"),
                Duration(durable.ControlQueueVisibilityTimeout, "extensions", "durableTask", "storageProvider", "controlQueueVisibilityTimeout"),
                Duration(durable.WorkItemQueueVisibilityTimeout, "extensions", "durableTask", "storageProvider", "workItemQueueVisibilityTimeout"),
                Integer(durable.MaxConcurrentActivityFunctions, "extensions", "durableTask", "maxConcurrentActivityFunctions"),
                Integer(durable.MaxConcurrentOrchestratorFunctions, "extensions", "durableTask", "maxConcurrentOrchestratorFunctions")));
    }
}
