using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Passwords;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AccountAccess.Functions.Functions;

/// <summary>Unblocking and blocking people, and their audit trail (API.md "Administration and support").</summary>
public static class AdministrationFunctions
{
    /// <summary>The most events one call returns. Defaults to 200.</summary>
    public const int MaxEvents = 200;

    public static void MapAdministrationFunctions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/users").AddEndpointFilter<RequireCallerFilter>();
        api.MapPost("/{userId}/deactivate", DeactivateAsync).AsFunction("DeactivateUser");
        api.MapPost("/{userId}/reactivate", ReactivateAsync).AsFunction("ReactivateUser");
        api.MapPost("/{userId}/revoke-access", RevokeAccessAsync).AsFunction("RevokeAccess");
        api.MapPost("/{userId}/restore-access", RestoreAccessAsync).AsFunction("RestoreAccess");
        api.MapGet("/{userId}/events", GetEventsAsync).AsFunction("GetUserEvents");
        api.MapPost("/{userId}/password", SetPasswordAsync).AsFunction("SetUserPassword");
        api.MapPost("/{userId}/temporary-password", IssueTemporaryPasswordAsync).AsFunction("IssueTemporaryPassword");
        api.MapPost("/{userId}/merge", MergeAsync).AsFunction("MergeUser");
        api.MapPost("/{userId}/release-email", ReleaseEmailAsync).AsFunction("ReleaseEmail");
    }

    /// <summary>Operators only: the source's memberships move to <c>intoUserId</c>; the source is deactivated (<c>merged</c>).</summary>
    public static async Task<Results<NoContent, ApiError>> MergeAsync(
        string userId, MergeBody body, HttpContext http, AccountMerge merge, CancellationToken cancellationToken)
    {
        if (Require.Present(body.IntoUserId, "intoUserId") is { } missing)
        {
            return missing;
        }

        var result = await merge.MergeAsync(http.Caller(), userId, body.IntoUserId!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    /// <summary>Operators only: frees an email a deactivated (merged) account still holds.</summary>
    public static async Task<Results<NoContent, ApiError>> ReleaseEmailAsync(
        string userId, ReleaseEmailBody body, HttpContext http, AccountMerge merge, CancellationToken cancellationToken)
    {
        if (Require.Present(body.Email, "email") is { } missing)
        {
            return missing;
        }

        var result = await merge.ReleaseEmailAsync(http.Caller(), userId, body.Email!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    /// <summary>The password set here is temporary: the user must choose a new one at the next sign-in.</summary>
    public static async Task<Results<NoContent, ApiError>> SetPasswordAsync(
        string userId, NewPasswordBody body, HttpContext http, PasswordChange passwords, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<Ok<TemporaryPasswordResponse>, ApiError>> IssueTemporaryPasswordAsync(
        string userId, HttpContext http, PasswordChange passwords, CancellationToken cancellationToken)
    {
        var result = await passwords.IssueTemporaryAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new TemporaryPasswordResponse(result.Value)) : new ApiError(result.Failure!);
    }

    public static async Task<Results<NoContent, ApiError>> DeactivateAsync(
        string userId, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] DeactivateBody? body,
        HttpContext http, AccountAdministration administration, CancellationToken cancellationToken)
    {
        if (body?.Reason is not (null or "manual"))
        {
            return ApiError.InvalidField("reason", "only \"manual\" can be asked for");
        }

        var result = await administration.DeactivateAsync(http.Caller(), userId, DeactivationReason.Manual, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    public static async Task<Results<NoContent, ApiError>> ReactivateAsync(
        string userId, HttpContext http, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var result = await administration.ReactivateAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    public static async Task<Results<NoContent, ApiError>> RevokeAccessAsync(
        string userId, OrganizationAccessBody body, HttpContext http, AccountAdministration administration, CancellationToken cancellationToken)
    {
        if (Require.Present(body.OrganizationId, "organizationId") is { } missing)
        {
            return missing;
        }

        var result = await administration.RevokeAccessAsync(http.Caller(), userId, body.OrganizationId!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    public static async Task<Results<NoContent, ApiError>> RestoreAccessAsync(
        string userId, OrganizationAccessBody body, HttpContext http, AccountAdministration administration, CancellationToken cancellationToken)
    {
        if (Require.Present(body.OrganizationId, "organizationId") is { } missing)
        {
            return missing;
        }

        var result = await administration.RestoreAccessAsync(http.Caller(), userId, body.OrganizationId!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    public static async Task<Results<Ok<AuditTrailResponse>, ApiError>> GetEventsAsync(
        string userId, HttpContext http, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var result = await administration.GetEventsAsync(http.Caller(), userId, MaxEvents, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(new AuditTrailResponse(result.Value.Select(AuditEventResponse.From).ToList()))
            : new ApiError(result.Failure!);
    }
}
