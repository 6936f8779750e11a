using AccountAccess.Core.Authorization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>Unblocking and blocking people, and their audit trail (API.md "Administration and support").</summary>
public sealed class AdministrationFunctions(AccountAdministration administration, AccountMerge merge, PasswordChange passwords)
{
    /// <summary>The most events one call returns. Defaults to 200.</summary>
    public const int MaxEvents = 200;

    /// <summary>Operators only: the source's memberships move to <c>intoUserId</c>; the source is deactivated (<c>merged</c>).</summary>
    [Function(nameof(MergeUser))]
    [OpenApiOperation("Merge a duplicate account into another", ErrorCode.InvalidState)]
    [RequiresOperator]
    public async Task<Results<NoContent, ApiError>> MergeUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/merge")] HttpRequest req,
        string userId,
        [FromBody] MergeBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.IntoUserId, "intoUserId") is { } missing)
        {
            return missing;
        }

        var result = await merge.MergeAsync(http.Caller(), userId, body.IntoUserId!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    /// <summary>Operators only: frees an email a deactivated (merged) account still holds.</summary>
    [Function(nameof(ReleaseEmail))]
    [OpenApiOperation("Free an email held by a merged or deactivated account", ErrorCode.InvalidState)]
    [RequiresOperator]
    public async Task<Results<NoContent, ApiError>> ReleaseEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/release-email")] HttpRequest req,
        string userId,
        [FromBody] ReleaseEmailBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.Email, "email") is { } missing)
        {
            return missing;
        }

        var result = await merge.ReleaseEmailAsync(http.Caller(), userId, body.Email!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    /// <summary>The password set here is temporary: the user must choose a new one at the next sign-in.</summary>
    [Function(nameof(SetUserPassword))]
    [OpenApiOperation("Set a user's password, to be changed at next sign-in", ErrorCode.PasswordPolicy)]
    [RequiresCaller]
    [ActsOnUser(UserAction.SetPassword)]
    public async Task<Results<NoContent, ApiError>> SetUserPassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/password")] HttpRequest req,
        string userId,
        [FromBody] NewPasswordBody body,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.NewPassword, "newPassword") is { } missing)
        {
            return missing;
        }

        if (Require.PasswordInput(body.NewPassword, "newPassword") is { } tooLong)
        {
            return tooLong;
        }

        var result = await passwords.SetForUserAsync(http.Caller(), userId, body.NewPassword!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(IssueTemporaryPassword))]
    [OpenApiOperation("Issue a temporary password, to be changed at next sign-in", ErrorCode.MultipleOrganizations)]
    [RequiresCaller]
    [ActsOnUser(UserAction.SetTemporaryPassword)]
    public async Task<Results<Ok<TemporaryPasswordResponse>, ApiError>> IssueTemporaryPassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/temporary-password")] HttpRequest req,
        string userId,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await passwords.IssueTemporaryAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new TemporaryPasswordResponse(result.Value)) : new ApiError(result.Failure!);
    }

    [Function(nameof(DeactivateUser))]
    [OpenApiOperation("Deactivate a user", ErrorCode.InvalidState)]
    [RequiresCaller]
    [ActsOnUser(UserAction.Deactivate)]
    public async Task<Results<NoContent, ApiError>> DeactivateUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/deactivate")] HttpRequest req,
        string userId,
        [FromBody] DeactivateBody? body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (body?.Reason is not (null or "manual"))
        {
            return ApiError.InvalidField("reason", "only \"manual\" can be asked for");
        }

        var result = await administration.DeactivateAsync(http.Caller(), userId, DeactivationReason.Manual, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(ReactivateUser))]
    [OpenApiOperation("Reactivate a deactivated user", ErrorCode.InvalidState)]
    [RequiresCaller]
    [ActsOnUser(UserAction.Reactivate)]
    public async Task<Results<NoContent, ApiError>> ReactivateUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/reactivate")] HttpRequest req,
        string userId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await administration.ReactivateAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(RevokeAccess))]
    [OpenApiOperation("Revoke a client's access to an organization's app", ErrorCode.InvalidState)]
    [RequiresCaller]
    [ActsOnUser(UserAction.RevokeAccess)]
    public async Task<Results<NoContent, ApiError>> RevokeAccess(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/revoke-access")] HttpRequest req,
        string userId,
        [FromBody] OrganizationAccessBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.OrganizationId, "organizationId") is { } missing)
        {
            return missing;
        }

        var result = await administration.RevokeAccessAsync(http.Caller(), userId, body.OrganizationId!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(RestoreAccess))]
    [OpenApiOperation("Restore a client's access to an organization's app", ErrorCode.InvalidState)]
    [RequiresCaller]
    [ActsOnUser(UserAction.RevokeAccess)]
    public async Task<Results<NoContent, ApiError>> RestoreAccess(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/restore-access")] HttpRequest req,
        string userId,
        [FromBody] OrganizationAccessBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.OrganizationId, "organizationId") is { } missing)
        {
            return missing;
        }

        var result = await administration.RestoreAccessAsync(http.Caller(), userId, body.OrganizationId!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(GetUserEvents))]
    [OpenApiOperation("Read a user's audit trail, newest first")]
    [RequiresCaller]
    [ActsOnUser(UserAction.ViewEvents)]
    public async Task<Results<Ok<AuditTrailResponse>, ApiError>> GetUserEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}/events")] HttpRequest req,
        string userId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await administration.GetEventsAsync(http.Caller(), userId, MaxEvents, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(AuditTrailResponse.From(result.Value))
            : new ApiError(result.Failure!);
    }
}
