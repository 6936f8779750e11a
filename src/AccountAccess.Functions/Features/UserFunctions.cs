using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>Reading, editing and erasing the employee file (GET, PATCH and DELETE /api/users/{userId}).</summary>
public sealed class UserFunctions(AccountAdministration administration, UserProvisioning users, AccountErasure erasure, IOptions<JsonOptions> json, TimeProvider time)
{
    /// <summary>204: the user is erased (personal data, password, 2FA, sessions, workflows) and its names are free; then 404.</summary>
    [Function(nameof(DeleteUser))]
    [OpenApiOperation("Erase a user and free its username and emails")]
    [RequiresCaller]
    [ActsOnUser(UserAction.Erase)]
    public async Task<Results<NoContent, ApiError>> DeleteUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/{userId}")] HttpRequest req,
        string userId,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await erasure.DeleteAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(GetUser))]
    [OpenApiOperation("Read a user")]
    [RequiresCaller]
    [ActsOnUser(UserAction.View)]
    public async Task<Results<Ok<UserResponse>, ApiError>> GetUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}")] HttpRequest req,
        string userId,
        CancellationToken cancellationToken)
    {
        var result = await administration.GetAsync(req.HttpContext.Caller(), userId, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(UserResponse.From(result.Value, time.GetUtcNow())) : new ApiError(result.Failure!);
    }

    /// <summary>
    /// The body is read as a JSON object so that an absent field (leave as is) differs from a null one (clear it).
    /// </summary>
    [Function(nameof(UpdateUser))]
    [OpenApiOperation("Change a user's profile, emails, phone, units or permissions", ErrorCode.LoginTaken)]
    [RequiresCaller]
    [ActsOnUser(UserAction.EditMembership)]
    public async Task<Results<Ok<UserResponse>, ApiError>> UpdateUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "users/{userId}")] HttpRequest req,
        string userId,
        [FromBody] JsonObject body,
        CancellationToken cancellationToken)
    {
        var patch = UserPatchReader.Read(body, json.Value.SerializerOptions);
        if (!patch.Succeeded)
        {
            return new ApiError(patch.Failure!);
        }

        var http = req.HttpContext;
        var result = await users.UpdateAsync(http.Caller(), userId, patch.Value, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(UserResponse.From(result.Value, time.GetUtcNow())) : new ApiError(result.Failure!);
    }
}
