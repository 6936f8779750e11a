using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// What the app takes from <c>host.json</c> (beside the app, where the Functions host reads it): the HTTP route prefix
/// and the queue trigger's delivery rules, so that both hosts route and retry alike (the standalone host also reads its
/// durable section: <c>DurableTaskHubSettings</c>). A value can be overridden as the Functions host allows, by the
/// setting <c>AzureFunctionsJobHost:&lt;path&gt;</c> (<c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount=3</c>).
/// </summary>
public sealed record HostJson(string RoutePrefix, int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize)
{
    public const string FileName = "host.json";

    private const string OverrideSection = "AzureFunctionsJobHost";

    /// <summary>The Functions host's defaults where host.json says nothing.</summary>
    public static HostJson Defaults { get; } = new("api", 5, TimeSpan.Zero, 16);

    /// <summary>The path an <c>[HttpTrigger]</c> route is served at, below the route prefix (<c>api/auth/login</c>).</summary>
    public string PathOf(string functionRoute) => string.IsNullOrEmpty(RoutePrefix) ? functionRoute : $"{RoutePrefix}/{functionRoute}";

    public static HostJson Load(string directory, IConfiguration? configuration = null)
    {
        var file = Read(directory, configuration);
        return new HostJson(
            file.Value("extensions", "http", "routePrefix") ?? Defaults.RoutePrefix,
            file.Integer(Defaults.MaxDequeueCount, "extensions", "queues", "maxDequeueCount"),
            file.Duration(Defaults.VisibilityTimeout, "extensions", "queues", "visibilityTimeout"),
            file.Integer(Defaults.BatchSize, "extensions", "queues", "batchSize"));
    }

    /// <summary>The host.json beside the app, each value overridable by <c>AzureFunctionsJobHost:&lt;path&gt;</c>.</summary>
    public static Values Read(string directory, IConfiguration? configuration = null)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: the build copies the repository's host.json beside the app.");
        }

        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidOperationException($"{path} is empty.");
        return new Values(root, configuration);
    }

    /// <summary>host.json's values by path, as the Functions host reads them (an app setting overrides the file).</summary>
    public sealed class Values(JsonNode root, IConfiguration? configuration)
    {
        public string? Value(params string[] keys)
        {
            if (configuration?[string.Join(':', [OverrideSection, .. keys])] is { } overridden)
            {
                return overridden;
            }

            var node = keys.Aggregate<string, JsonNode?>(root, (current, key) => current?[key]);
            return node?.ToString();
        }

        public int Integer(int fallback, params string[] keys) => Value(keys) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        public TimeSpan Duration(TimeSpan fallback, params string[] keys) => Value(keys) is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;
    }
}
