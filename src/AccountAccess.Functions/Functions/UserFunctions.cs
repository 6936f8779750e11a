using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Authorization;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Functions;

/// <summary>Reading and editing the employee file (GET and PATCH /api/users/{userId}).</summary>
public static class UserFunctions
{
    public static void MapUserFunctions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/users").AddEndpointFilter<RequireCallerFilter>();
        api.MapGet("/{userId}", GetAsync).AsFunction("GetUser");
        api.MapPatch("/{userId}", UpdateAsync).AsFunction("UpdateUser");
    }

    public static async Task<Results<Ok<UserResponse>, ApiError>> GetAsync(
        string userId, HttpContext http, AccountAdministration administration, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await administration.GetAsync(http.Caller(), userId, UserAction.View, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(UserResponse.From(result.Value, time.GetUtcNow())) : new ApiError(result.Failure!);
    }

    /// <summary>
    /// The body is read as a JSON object so that an absent field (leave as is) differs from a null one (clear it).
    /// </summary>
    public static async Task<Results<Ok<UserResponse>, ApiError>> UpdateAsync(
        string userId, JsonObject body, HttpContext http, UserProvisioning users, TimeProvider time, CancellationToken cancellationToken)
    {
        var patch = UserPatchReader.Read(body, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
        if (!patch.Succeeded)
        {
            return new ApiError(patch.Failure!);
        }

        var result = await users.UpdateAsync(http.Caller(), userId, patch.Value, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(UserResponse.From(result.Value, time.GetUtcNow())) : new ApiError(result.Failure!);
    }
}
