using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Triggers;
using AccountAccess.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Functions;

/// <summary><c>GET /api/health</c>: 200 once storage answers, 503 otherwise.</summary>
public static class HealthFunctions
{
    public static void MapHealthFunctions(this IEndpointRouteBuilder app) =>
        app.MapGet("api/health", CheckAsync).AsFunction("Health");

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(StorageTables tables, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        return await tables.IsReachableAsync(timeout.Token)
            ? TypedResults.Ok(new HealthResponse("ok"))
            : TypedResults.Json(new HealthResponse("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
