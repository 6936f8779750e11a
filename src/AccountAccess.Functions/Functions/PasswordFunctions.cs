using System.Globalization;
using AccountAccess.Core.Passwords;
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

        if (body.NewPassword!.Length > SignInFunctions.MaxPasswordInputLength)
        {
            return ApiError.InvalidField("newPassword", $"at most {SignInFunctions.MaxPasswordInputLength} characters");
        }

        var result = await passwords.ResetAsync(body.Token, body.NewPassword, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }
}
