using AccountAccess.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AccountAccess.Functions.Functions;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI document of the HTTP contract, generated from these functions.</summary>
public sealed class OpenApiFunctions(FunctionCatalogue catalogue, IOptions<JsonOptions> json)
{
    /// <summary>The route prefix of host.json (<c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    [Function(nameof(OpenApiDocument))]
    public IResult OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        TypedResults.Text(Hosting.OpenApiDocument.Build(catalogue, RoutePrefix, json.Value.SerializerOptions).ToJsonString(), "application/json");
}
