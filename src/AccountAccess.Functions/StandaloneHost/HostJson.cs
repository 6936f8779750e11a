using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountAccess.Functions.StandaloneHost;

/// <summary>
/// What the standalone host takes from <c>host.json</c> (beside the app, as the Functions host reads it): the HTTP route
/// prefix and the queue trigger's delivery rules, so both hosts route and retry alike.
/// </summary>
public sealed record HostJson(string RoutePrefix, int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize)
{
    public const string FileName = "host.json";

    /// <summary>The Functions host's defaults where host.json says nothing.</summary>
    public static HostJson Defaults { get; } = new("api", 5, TimeSpan.Zero, 16);

    public static HostJson Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: the build copies the repository's host.json beside the app.");
        }

        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidOperationException($"{path} is empty.");
        var extensions = root["extensions"];
        var queues = extensions?["queues"];
        return new HostJson(
            extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? Defaults.RoutePrefix,
            queues?["maxDequeueCount"]?.GetValue<int>() ?? Defaults.MaxDequeueCount,
            queues?["visibilityTimeout"]?.GetValue<string>() is { } visibility ? TimeSpan.Parse(visibility, System.Globalization.CultureInfo.InvariantCulture) : Defaults.VisibilityTimeout,
            queues?["batchSize"]?.GetValue<int>() ?? Defaults.BatchSize);
    }
}
