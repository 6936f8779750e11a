using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Functions;

/// <summary>Signing in (API.md "Sign-in"). Rate-limited per source IP.</summary>
public static class SignInFunctions
{
    public static void MapSignInFunctions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").RequireRateLimiting(RateLimiting.SignInPolicy);
        api.MapPost("/login", LoginAsync).AsFunction("Login");
    }

    public static async Task<Results<Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> LoginAsync(
        LoginBody body, HttpContext http, SignInHandler signIn, CancellationToken cancellationToken)
    {
        if ((Require.Present(body.Login, "login") ?? Require.Present(body.Password, "password") ?? Require.Present(body.Portal, "portal")) is { } missing)
        {
            return missing;
        }

        if (body.Login!.Length > 320)
        {
            return ApiError.InvalidField("login", "at most 320 characters");
        }

        if (Require.PasswordInput(body.Password, "password") is { } tooLong)
        {
            return tooLong;
        }

        AppVersion? appVersion = null;
        if (body.AppVersion is not null && !AppVersion.TryParse(body.AppVersion, out appVersion))
        {
            return ApiError.InvalidField("appVersion", "a version such as 3.2.0");
        }

        var request = new SignInRequest(body.Login, body.Password!, new SignInAttempt(body.Portal!.Value, appVersion));
        var result = await signIn.SignInAsync(request, http.RequestContext(), cancellationToken);
        return LoginAnswer.From(result);
    }

}
