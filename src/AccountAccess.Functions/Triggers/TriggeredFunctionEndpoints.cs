using System.Text.Json;
using AccountAccess.Functions.Auth;

namespace AccountAccess.Functions.Triggers;

/// <summary>
/// <c>POST /{FunctionName}</c> for every timer and queue function: how the Functions host invokes a custom handler.
/// In: <c>{"Data":{…},"Metadata":{…}}</c>; out: <c>{"Outputs":{},"Logs":[],"ReturnValue":null}</c>; a non-2xx answer
/// fails the invocation (a queue message is then retried, then poisoned). Standalone, where no host stands in front,
/// these routes need the operator key.
/// </summary>
public static class TriggeredFunctionEndpoints
{
    public static void MapTriggeredFunctions(this WebApplication app, FunctionRegistry registry, bool underFunctionsHost)
    {
        foreach (var function in registry.Triggered)
        {
            var route = app.MapPost("/" + function.Name, (HostInvocation? body, HttpContext context) => InvokeAsync(function, body, context))
                .WithName(function.Name)
                .WithMetadata(new TriggeredFunctionEndpoint(function.Name))
                .ExcludeFromDescription();
            if (!underFunctionsHost)
            {
                route.AddEndpointFilter<RequireOperatorFilter>();
            }
        }
    }

    private static async Task<IResult> InvokeAsync(TriggeredFunction function, HostInvocation? body, HttpContext context)
    {
        var invocation = new TriggerInvocation(body?.Data ?? default, body?.Metadata ?? default);
        await function.RunAsync(context.RequestServices, invocation, context.RequestAborted);
        return Results.Json(new HostResponse(new Dictionary<string, object?>(), [$"{function.Name} ran"], null), (JsonSerializerOptions?)null);
    }

    /// <summary>The Functions host's request to a custom handler.</summary>
    public sealed record HostInvocation(JsonElement Data, JsonElement Metadata);

    /// <summary>The custom handler's answer to the Functions host. Property names are the host's (PascalCase).</summary>
    public sealed record HostResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
        [property: System.Text.Json.Serialization.JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
        [property: System.Text.Json.Serialization.JsonPropertyName("ReturnValue")] object? ReturnValue);
}

/// <summary>Endpoint metadata marking the invocation route of a timer or queue function.</summary>
public sealed record TriggeredFunctionEndpoint(string Name);
