using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Http;
using AccountAccess.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Features;

/// <summary><c>GET /api/health</c>: 200 once storage answers, 503 otherwise (the Function App's health check path).</summary>
public sealed class HealthFunctions(StorageTables tables)
{
    [Function(nameof(Health))]
    [OpenApiOperation("Whether the app reaches its storage")]
    public async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        return await tables.IsReachableAsync(timeout.Token)
            ? TypedResults.Ok(new HealthResponse("ok"))
            : TypedResults.Json(new HealthResponse("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
