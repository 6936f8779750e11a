using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AccountAccess.Functions.Features;

/// <summary>Signing in (API.md "Sign-in").</summary>
public sealed class SignInFunctions(SignInHandler signIn)
{
    [Function(nameof(Login))]
    [OpenApiOperation("Sign in with a login and a password", ErrorCode.InvalidCredentials, ErrorCode.AccountDeactivated, ErrorCode.AccountDeparted, ErrorCode.AccessRevoked, ErrorCode.WrongPortal, ErrorCode.NoOrganizationLinked, ErrorCode.OrganizationSuspended, ErrorCode.AppUpdateRequired)]
    [RateLimitedPerIp(TrustedDevicesExempt = true)]
    public async Task<Results<Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest req,
        [FromBody] LoginBody body,
        CancellationToken cancellationToken)
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

        // A device token of another shape (expired long ago, another service's…) is no token: the request is untrusted.
        var request = new SignInRequest(body.Login, body.Password!, new SignInAttempt(body.Portal!.Value, appVersion), body.DeviceToken);
        var result = await signIn.SignInAsync(request, req.HttpContext.RequestContext(), cancellationToken);
        return LoginAnswer.From(result);
    }
}
