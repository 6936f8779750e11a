using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;

namespace AccountAccess.StandaloneHost;

/// <summary>
/// Maps every HTTP function onto Kestrel with the route and methods of its <c>[HttpTrigger]</c> below host.json's route
/// prefix — what the Functions host builds from functions.metadata — and runs it inside the shared
/// <see cref="HttpFunctionPipeline"/>.
/// </summary>
public static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this WebApplication app, FunctionCatalogue catalogue, HostJson hostJson)
    {
        foreach (var function in catalogue.Http)
        {
            var trigger = (FunctionTrigger.Http)function.Trigger;
            var pattern = hostJson.PathOf(trigger.Route);
            RequestDelegate run = http => RunAsync(function, http);
            var endpoint = trigger.Methods.Count == 0 ? app.Map(pattern, run) : app.MapMethods(pattern, trigger.Methods, run);
            endpoint.WithDisplayName(function.Name).WithMetadata(function);
        }
    }

    private static async Task RunAsync(FunctionEntry function, HttpContext http)
    {
        var services = http.RequestServices;
        var invoker = services.GetRequiredService<FunctionInvoker>();
        var result = await services.GetRequiredService<HttpFunctionPipeline>().RunAsync(
            http, function, () => invoker.InvokeAsync(function, services, new TriggerInput(http, null, http.RequestAborted)));
        await result.ExecuteAsync(http);
    }
}
