using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Sessions;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AccountAccess.Functions.Features;

/// <summary>Staying signed in and signing out (API.md "Sessions and tokens"): refresh, logout, the session lists.</summary>
public sealed class SessionFunctions(SessionRefresh refresh, SessionEnding ending, SessionList list)
{
    /// <summary>A refresh token is a fixed-shape string far shorter than this; a longer one is refused before any lookup.</summary>
    public const int MaxRefreshTokenLength = 256;

    /// <summary>A new pair (rotation): the same <c>status: "ok"</c> shape as a sign-in; 401 <c>invalid_refresh_token</c> with <c>details.reason</c> otherwise.</summary>
    [Function(nameof(Refresh))]
    [OpenApiOperation("Exchange a refresh token for a new access token and refresh token (rotation)", ErrorCode.InvalidRefreshToken, ErrorCode.AccountDeactivated, ErrorCode.AccountDeparted, ErrorCode.AccessRevoked, ErrorCode.WrongPortal, ErrorCode.NoOrganizationLinked, ErrorCode.OrganizationSuspended, ErrorCode.AppUpdateRequired)]
    public async Task<Results<Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> Refresh(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/refresh")] HttpRequest req,
        [FromBody] RefreshBody body,
        CancellationToken cancellationToken)
    {
        if (Require.Present(body.RefreshToken, "refreshToken") is { } missing)
        {
            return missing;
        }

        if (body.RefreshToken!.Length > MaxRefreshTokenLength)
        {
            return ApiError.InvalidField("refreshToken", $"at most {MaxRefreshTokenLength} characters");
        }

        return LoginAnswer.From(await refresh.RefreshAsync(body.RefreshToken, body.DeviceToken, req.HttpContext.RequestContext(), cancellationToken));
    }

    /// <summary>204: the session of the access token ends; that token and its refresh token are refused from now on.</summary>
    [Function(nameof(Logout))]
    [OpenApiOperation("Sign out: end the session of this access token", ErrorCode.Forbidden)]
    [RequiresCaller]
    public async Task<Results<NoContent, ApiError>> Logout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (http.Caller() is not Caller.SignedInUser caller)
        {
            return ApiError.Of(ErrorCode.Forbidden);
        }

        var result = await ending.SignOutAsync(caller, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(ListSessions))]
    [OpenApiOperation("List the caller's open sessions", ErrorCode.Forbidden)]
    [RequiresCaller]
    public async Task<Results<Ok<SessionsResponse>, ApiError>> ListSessions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account/sessions")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        if (req.HttpContext.Caller() is not Caller.SignedInUser caller)
        {
            return ApiError.Of(ErrorCode.Forbidden);
        }

        return TypedResults.Ok(SessionsResponse.From(await list.ListAsync(caller, cancellationToken)));
    }

    /// <summary>204: one of the caller's own sessions ends; 404 <c>not_found</c> for any id that is not one of their open sessions.</summary>
    [Function(nameof(EndSession))]
    [OpenApiOperation("End one of the caller's own sessions", ErrorCode.NotFound)]
    [RequiresCaller]
    public async Task<Results<NoContent, ApiError>> EndSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "account/sessions/{sessionId}")] HttpRequest req,
        string sessionId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (http.Caller() is not Caller.SignedInUser caller)
        {
            // The operator has no sessions of its own: no id names one.
            return ApiError.Of(ErrorCode.NotFound);
        }

        var result = await ending.EndOwnAsync(caller, sessionId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    /// <summary>204: every open session of the user ends (operators; administrators of every organization the user belongs to, else 403 <c>other_organizations</c>).</summary>
    [Function(nameof(EndUserSessions))]
    [OpenApiOperation("End every session of a user")]
    [RequiresCaller]
    [ActsOnUser(UserAction.EndSessions)]
    public async Task<Results<NoContent, ApiError>> EndUserSessions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/{userId}/sessions")] HttpRequest req,
        string userId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await ending.EndAllAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }
}
