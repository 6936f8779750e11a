using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Http.Converters;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace AccountAccess.Functions.Worker;

/// <summary>
/// Under the Functions host, runs every HTTP function inside the shared <see cref="HttpFunctionPipeline"/>. It sits after
/// the ASP.NET Core integration's own middleware, which has matched the invocation to its <see cref="HttpContext"/> and
/// writes whatever result is left as the invocation result — so a refusal from the pipeline is set as that result, and
/// the function's <c>[FromBody]</c> parameter gets the body the pipeline has already read and checked. Tested under a
/// double of the Functions host (tests/AccountAccess.Functions.HostDouble.Tests).
/// </summary>
public sealed class HttpFunctionMiddleware(FunctionCatalogue catalogue, HttpFunctionPipeline pipeline) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http || catalogue.Find(context.FunctionDefinition.Name) is not { } function)
        {
            await next(context);
            return;
        }

        context.Features.Set<IFromBodyConversionFeature>(ParsedBodyFeature.Instance);
        CopyRouteValues(context, http, function);
        var result = await pipeline.RunAsync(http, function, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
        context.GetInvocationResult().Value = result;
    }

    /// <summary>
    /// The Functions host routes the request and passes the route's values as binding data, not as the request's route
    /// values: they are copied there, so the pipeline reads <c>{userId}</c> the same way under both hosts.
    /// </summary>
    private static void CopyRouteValues(FunctionContext context, HttpContext http, FunctionEntry function)
    {
        if (function.Trigger is not FunctionTrigger.Http trigger)
        {
            return;
        }

        foreach (var name in RouteParameters.Matches(trigger.Route).Select(m => m.Groups[1].Value))
        {
            if (!http.Request.RouteValues.ContainsKey(name) && context.BindingContext?.BindingData.TryGetValue(name, out var value) == true && value is not null)
            {
                http.Request.RouteValues[name] = value.ToString();
            }
        }
    }

    private static readonly System.Text.RegularExpressions.Regex RouteParameters = new(@"\{([A-Za-z0-9_]+)[^}]*\}", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>Hands a <c>[FromBody]</c> parameter the body <see cref="RequestBody.ParseAsync"/> read.</summary>
    private sealed class ParsedBodyFeature : IFromBodyConversionFeature
    {
        public static ParsedBodyFeature Instance { get; } = new();

        public ValueTask<object?> ConvertAsync(FunctionContext context, Type targetType) =>
            ValueTask.FromResult(context.GetHttpContext() is { } http ? RequestBody.Parsed(http) : null);
    }
}
