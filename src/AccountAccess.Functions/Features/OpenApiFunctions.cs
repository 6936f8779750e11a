using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AccountAccess.Functions.Features;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI document of the HTTP contract, generated from these functions.</summary>
public sealed class OpenApiFunctions(FunctionCatalogue catalogue, HostJson hostJson, IOptions<JsonOptions> json)
{
    [Function(nameof(OpenApiDocument))]
    [OpenApiOperation("This OpenAPI document")]
    public IResult OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        TypedResults.Text(Hosting.OpenApiDocument.Build(catalogue, hostJson, json.Value.SerializerOptions, $"{req.Scheme}://{req.Host}").ToJsonString(), "application/json");
}
