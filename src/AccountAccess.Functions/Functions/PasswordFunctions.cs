using System.Globalization;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Functions;

/// <summary>Forgotten passwords and reset/activation links (API.md "Passwords"). Rate-limited per source IP.</summary>
public static class PasswordFunctions
{
    public static void MapPasswordFunctions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/password").RequireRateLimiting(RateLimiting.SignInPolicy);
        api.MapPost("/forgot", ForgotAsync).AsFunction("ForgotPassword");
        api.MapPost("/reset", ResetAsync).AsFunction("ResetPassword");
        api.MapPost("/change", ChangeAsync).AsFunction("ChangePassword");
    }

    /// <summary>
    /// Two callers: a signed-in user with the current password (204), or the holder of a change token from a
    /// <c>password_change_required</c> sign-in, who is then signed in (200 login result).
    /// </summary>
    public static async Task<Results<NoContent, Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> ChangeAsync(
        ChangePasswordBody body, HttpContext http, PasswordChange passwords, RestrictedTokens restrictedTokens, CallerResolver callers, CancellationToken cancellationToken)
    {
        if (Require.Present(body.NewPassword, "newPassword") is { } missing)
        {
            return missing;
        }

        if (Require.PasswordInput(body.NewPassword, "newPassword") is { } tooLong)
        {
            return tooLong;
        }

        if (body.ChangeToken is not null)
        {
            if (body.ChangeToken.Length > 4096 || await restrictedTokens.ReadAsync(body.ChangeToken, TokenPurpose.PasswordChange) is not { } holder)
            {
                return ApiError.Of(ErrorCode.Unauthorized);
            }

            var signedIn = await passwords.ChangeWithTokenAsync(holder.UserId, holder.SecurityStamp, holder.Attempt, body.NewPassword!, http.RequestContext(), cancellationToken);
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

        if (Require.Present(body.CurrentPassword, "currentPassword") is { } noCurrent)
        {
            return noCurrent;
        }

        var caller = await callers.ResolveAsync(http);
        if (caller is not Caller.SignedInUser { User: var user })
        {
            return ApiError.Of(caller is null ? ErrorCode.Unauthorized : ErrorCode.Forbidden);
        }

        http.SetCaller(caller);
        var changed = await passwords.ChangeOwnAsync(user.Id, body.CurrentPassword!, body.NewPassword!, http.RequestContext(), cancellationToken);
        return changed.Succeeded ? TypedResults.NoContent() : new ApiError(changed.Failure!);
    }

    /// <summary>Always the same 202 answer, whether or not an email went out: it reveals nothing about the account.</summary>
    public static async Task<Results<Accepted<MessageResponse>, ApiError>> ForgotAsync(
        LoginOnlyBody body, HttpContext http, PasswordReset passwords, CancellationToken cancellationToken)
    {
        if (Require.Present(body.Login, "login") is { } missing)
        {
            return missing;
        }

        if (body.Login!.Length > 320)
        {
            return ApiError.InvalidField("login", "at most 320 characters");
        }

        await passwords.ForgotAsync(body.Login, http.RequestContext(), cancellationToken);
        return TypedResults.Accepted((string?)null, new MessageResponse(UserMessages.ForgotPasswordAccepted(CultureInfo.CurrentUICulture)));
    }

    public static async Task<Results<NoContent, ApiError>> ResetAsync(
        ResetPasswordBody body, HttpContext http, PasswordReset passwords, CancellationToken cancellationToken)
    {
        if ((Require.Present(body.Token, "token") ?? Require.Present(body.NewPassword, "newPassword")) is { } missing)
        {
            return missing;
        }

        if (body.Token!.Length > 512)
        {
            return ApiError.InvalidField("token", "at most 512 characters");
        }

        if (Require.PasswordInput(body.NewPassword, "newPassword") is { } tooLong)
        {
            return tooLong;
        }

        var result = await passwords.ResetAsync(body.Token, body.NewPassword!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }
}
