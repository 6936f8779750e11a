using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountAccess.Functions.Triggers;

/// <summary>
/// Writes the Azure Functions custom-handler layout (<c>host.json</c> and one <c>&lt;Function&gt;/function.json</c> per
/// function) from the code: the endpoints marked <see cref="HttpFunction"/> and the <see cref="FunctionRegistry"/>.
/// Nothing of it is written by hand, so it cannot drift from the routes.
/// </summary>
public static class FunctionLayout
{
    /// <summary>The self-contained executable the host starts (see README, "Deploying to Azure").</summary>
    public const string Executable = "AccountAccess.Functions";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject HostJson() => new()
    {
        ["version"] = "2.0",
        ["logging"] = new JsonObject
        {
            ["applicationInsights"] = new JsonObject { ["samplingSettings"] = new JsonObject { ["isEnabled"] = true, ["excludedTypes"] = "Request" } },
        },
        ["extensionBundle"] = new JsonObject { ["id"] = "Microsoft.Azure.Functions.ExtensionBundle", ["version"] = "[4.*, 5.0.0)" },
        ["customHandler"] = new JsonObject
        {
            ["description"] = new JsonObject { ["defaultExecutablePath"] = Executable, ["workingDirectory"] = "", ["arguments"] = new JsonArray() },
            // HTTP requests reach Kestrel unchanged (same path, headers and body); only timers and queues are wrapped.
            ["enableForwardingHttpRequest"] = true,
        },
        ["extensions"] = new JsonObject
        {
            ["http"] = new JsonObject { ["routePrefix"] = "api" },
            ["queues"] = new JsonObject { ["maxDequeueCount"] = 5 },
        },
        ["functionTimeout"] = "00:10:00",
    };

    /// <summary>Every function's name and its <c>function.json</c>.</summary>
    public static IReadOnlyList<(string Name, JsonObject FunctionJson)> Functions(IEnumerable<Endpoint> endpoints, FunctionRegistry registry)
    {
        var functions = new List<(string, JsonObject)>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<HttpFunction>() is not { } function)
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            var route = endpoint.RoutePattern.RawText!.TrimStart('/');
            functions.Add((function.Name, new JsonObject
            {
                ["bindings"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "httpTrigger",
                        ["direction"] = "in",
                        ["name"] = "req",
                        ["authLevel"] = "anonymous",
                        ["methods"] = new JsonArray(methods.Select(m => (JsonNode)m.ToLowerInvariant()).ToArray()),
                        ["route"] = route.StartsWith("api/", StringComparison.Ordinal) ? route["api/".Length..] : route,
                    },
                    new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            }));
        }

        foreach (var function in registry.Triggered)
        {
            JsonObject binding = function.Trigger switch
            {
                FunctionTrigger.Timer timer => new JsonObject
                {
                    ["type"] = "timerTrigger", ["direction"] = "in", ["name"] = "timer", ["schedule"] = timer.Schedule,
                },
                FunctionTrigger.Queue queue => new JsonObject
                {
                    ["type"] = "queueTrigger", ["direction"] = "in", ["name"] = "message", ["queueName"] = queue.QueueName,
                    ["connection"] = "Storage:ConnectionString",
                },
                _ => throw new InvalidOperationException($"No binding for {function.Trigger}."),
            };
            functions.Add((function.Name, new JsonObject { ["bindings"] = new JsonArray(binding) }));
        }

        return functions;
    }

    public static void Write(string directory, IEnumerable<Endpoint> endpoints, FunctionRegistry registry)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "host.json"), HostJson().ToJsonString(Indented) + "\n");
        foreach (var (name, functionJson) in Functions(endpoints, registry))
        {
            var folder = Path.Combine(directory, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), functionJson.ToJsonString(Indented) + "\n");
        }
    }
}
