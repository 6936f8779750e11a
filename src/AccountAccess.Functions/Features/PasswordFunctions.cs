using System.Globalization;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>Forgotten passwords, reset and activation links, and password changes (API.md "Passwords").</summary>
public sealed class PasswordFunctions(
    PasswordReset resets, PasswordChange changes, IForgotPasswordQueue forgotRequests, RestrictedTokens restrictedTokens, CallerResolver callers, TimeProvider time)
{
    /// <summary>
    /// Always the same 202 answer, whether or not an email will go out: it reveals nothing about the account. The request
    /// is queued, the same work for every login, and <see cref="HandleForgotPassword"/> does the lookup and the email.
    /// </summary>
    [Function(nameof(ForgotPassword))]
    [OpenApiOperation("Ask for a reset link by email (the same answer for every login)")]
    [RateLimitedPerIp]
    public async Task<Results<Accepted<MessageResponse>, ApiError>> ForgotPassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "password/forgot")] HttpRequest req,
        [FromBody] LoginOnlyBody body,
        CancellationToken cancellationToken)
    {
        if (Require.Present(body.Login, "login") is { } missing)
        {
            return missing;
        }

        if (body.Login!.Length > 320)
        {
            return ApiError.InvalidField("login", "at most 320 characters");
        }

        await forgotRequests.EnqueueAsync(new ForgotPasswordRequest(body.Login, req.HttpContext.RequestContext().Ip, time.GetUtcNow()), cancellationToken);
        return TypedResults.Accepted((string?)null, new MessageResponse(UserMessages.ForgotPasswordAccepted(CultureInfo.CurrentUICulture)));
    }

    /// <summary>
    /// A queued forgot-password request: a reset email if the account may get one, queued again for later while another
    /// link's email to the account is on its way (PasswordReset.HandleAsync).
    /// </summary>
    [Function(nameof(HandleForgotPassword))]
    public Task HandleForgotPassword(
        [QueueTrigger(StorageQueues.ForgotPasswordRequests, Connection = AppSettingDefaults.StorageConnection)] QueueMessage message,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        resets.HandleAsync(QueueForgotPasswordRequests.Parse(message.MessageText), cancellationToken);

    /// <summary>
    /// For a link's page, when it opens: whether the link still works (or <c>reset_link_invalid</c> with why) and the
    /// password rules to show before typing. Never uses the link up: only <see cref="ResetPassword"/> does.
    /// </summary>
    [Function(nameof(CheckResetLink))]
    [OpenApiOperation("Check whether a reset or activation link still works", ErrorCode.ResetLinkInvalid)]
    [RateLimitedPerIp]
    public async Task<Results<Ok<ResetLinkCheckResponse>, ApiError>> CheckResetLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "password/reset/check")] HttpRequest req,
        [FromBody] ResetLinkBody body,
        CancellationToken cancellationToken)
    {
        if (Require.Present(body.Token, "token") is { } missing)
        {
            return missing;
        }

        if (Require.LinkToken(body.Token, "token") is { } tooLongToken)
        {
            return tooLongToken;
        }

        var result = await resets.CheckAsync(body.Token!, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(ResetLinkCheckResponse.From(result.Value)) : new ApiError(result.Failure!);
    }

    [Function(nameof(ResetPassword))]
    [OpenApiOperation("Set a new password with an emailed reset or activation link", ErrorCode.ResetLinkInvalid, ErrorCode.PasswordPolicy)]
    [RateLimitedPerIp]
    public async Task<Results<NoContent, ApiError>> ResetPassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "password/reset")] HttpRequest req,
        [FromBody] ResetPasswordBody body,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        if ((Require.Present(body.Token, "token") ?? Require.Present(body.NewPassword, "newPassword")) is { } missing)
        {
            return missing;
        }

        if (Require.LinkToken(body.Token, "token") is { } tooLongToken)
        {
            return tooLongToken;
        }

        if (Require.PasswordInput(body.NewPassword, "newPassword") is { } tooLong)
        {
            return tooLong;
        }

        var result = await resets.ResetAsync(body.Token!, body.NewPassword!, req.HttpContext.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    /// <summary>
    /// Two callers: a signed-in user with the current password (204), or the holder of a change token from a
    /// <c>password_change_required</c> sign-in, who is then signed in (200 login result).
    /// </summary>
    [Function(nameof(ChangePassword))]
    [OpenApiOperation("Change a password: signed in with the current one, or with a change token", ErrorCode.Unauthorized, ErrorCode.Forbidden, ErrorCode.InvalidCredentials, ErrorCode.PasswordPolicy, ErrorCode.ChallengeExpired, ErrorCode.TooManyRequests, ErrorCode.AccountDeactivated, ErrorCode.AccountDeparted, ErrorCode.AccessRevoked, ErrorCode.WrongPortal, ErrorCode.NoOrganizationLinked, ErrorCode.OrganizationSuspended, ErrorCode.AppUpdateRequired)]
    [RateLimitedPerIp]
    public async Task<Results<NoContent, Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> ChangePassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "password/change")] HttpRequest req,
        [FromBody] ChangePasswordBody body,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (body.ChangeToken is not null)
        {
            if (body.ChangeToken.Length > 4096 || await restrictedTokens.ReadAsync(body.ChangeToken, TokenPurpose.PasswordChange) is not { } holder)
            {
                return ApiError.Of(ErrorCode.Unauthorized);
            }

            if (Require.Password(body.NewPassword, "newPassword") is { } badNewPassword)
            {
                return badNewPassword;
            }

            var signedIn = await changes.ChangeWithTokenAsync(holder.UserId, holder.CredentialVersion, holder.Attempt, body.NewPassword!, http.RequestContext(), cancellationToken);
            return LoginAnswer.From(signedIn).Result switch
            {
                Ok<LoginResponse> ok => ok,
                Ok<PasswordChangeRequiredResponse> again => again,
                Ok<TwoFactorRequiredResponse> twoFactor => twoFactor,
                Ok<TwoFactorEnrollmentRequiredResponse> enrol => enrol,
                ApiError error => error,
                var other => throw new InvalidOperationException($"Unexpected {other}"),
            };
        }

        // The caller before the body (API.md: authorization comes before validation): without a valid bearer token the
        // answer is 401 whatever the body holds.
        var caller = await callers.ResolveAsync(http);
        if (caller is not Caller.SignedInUser { User: var user })
        {
            return ApiError.Of(caller is null ? ErrorCode.Unauthorized : ErrorCode.Forbidden);
        }

        if ((Require.Password(body.NewPassword, "newPassword") ?? Require.Present(body.CurrentPassword, "currentPassword")) is { } badBody)
        {
            return badBody;
        }

        http.SetCaller(caller);
        var changed = await changes.ChangeOwnAsync(user.Id, body.CurrentPassword!, body.NewPassword!, http.RequestContext(), cancellationToken);
        return changed.Succeeded ? TypedResults.NoContent() : new ApiError(changed.Failure!);
    }
}
