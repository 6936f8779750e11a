using AccountAccess.Core.Authorization;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using QRCoder;

namespace AccountAccess.Functions.Features;

/// <summary>Two-factor authentication (API.md "POST /api/auth/2fa/…" and "Two-factor enrolment").</summary>
public sealed class TwoFactorFunctions(TwoFactorSignIn twoFactor, TwoFactorEnrollments enrollments)
{
    [Function(nameof(SendTwoFactorCode))]
    [OpenApiOperation("Send a new second-factor code by SMS, voice or email", ErrorCode.ChallengeExpired, ErrorCode.TooManyRequests)]
    [RateLimitedPerIp]
    public async Task<Results<Accepted, ApiError>> SendTwoFactorCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/2fa/send")] HttpRequest req,
        [FromBody] SendCodeBody body,
        CancellationToken cancellationToken)
    {
        if ((Require.Present(body.ChallengeId, "challengeId") ?? Require.Present(body.Method, "method")) is { } missing)
        {
            return missing;
        }

        var result = await twoFactor.SendAsync(body.ChallengeId!, body.Method!.Value, cancellationToken);
        return result.Succeeded ? TypedResults.Accepted((string?)null) : new ApiError(result.Failure!);
    }

    [Function(nameof(VerifyTwoFactorCode))]
    [OpenApiOperation("Finish a sign-in with a second-factor code, a recovery code or a passkey", ErrorCode.InvalidCode, ErrorCode.PasskeyInvalid, ErrorCode.ChallengeExpired, ErrorCode.TooManyRequests, ErrorCode.AccountDeactivated, ErrorCode.AccountDeparted, ErrorCode.AccessRevoked, ErrorCode.WrongPortal, ErrorCode.NoOrganizationLinked, ErrorCode.OrganizationSuspended, ErrorCode.AppUpdateRequired)]
    [RateLimitedPerIp]
    public async Task<Results<Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> VerifyTwoFactorCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/2fa/verify")] HttpRequest req,
        [FromBody] VerifyCodeBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.ChallengeId, "challengeId") is { } missing)
        {
            return missing;
        }

        if (new[] { body.Code is not null, body.RecoveryCode is not null, body.Credential is not null }.Count(given => given) != 1)
        {
            return ApiError.InvalidField("code", "give one of code, recoveryCode or credential");
        }

        if (body.Credential is { } credential)
        {
            return credential.ValueKind == System.Text.Json.JsonValueKind.Object
                ? LoginAnswer.From(await twoFactor.VerifyPasskeyAsync(body.ChallengeId!, credential.GetRawText(), http.RequestContext(), cancellationToken))
                : ApiError.InvalidField("credential", "must be the object navigator.credentials.get gives (its toJSON())");
        }

        if ((body.Code ?? body.RecoveryCode)!.Length > 32)
        {
            return ApiError.InvalidField(body.Code is null ? "recoveryCode" : "code", "at most 32 characters");
        }

        var result = await twoFactor.VerifyAsync(body.ChallengeId!, body.Code, body.RecoveryCode, http.RequestContext(), cancellationToken);
        return LoginAnswer.From(result);
    }

    /// <summary>
    /// A new authenticator secret, pending until confirmed. When a second factor is enrolled already the body carries the
    /// password (step-up): replacing a factor needs more than a token.
    /// </summary>
    [Function(nameof(BeginTotpEnrollment))]
    [OpenApiOperation("Start enrolling an authenticator app (TOTP)", ErrorCode.InvalidCredentials, ErrorCode.TooManyRequests)]
    [RequiresAccountHolder(AllowEnrollmentToken = true)]
    [RateLimitedPerIp]
    public async Task<Results<Ok<TotpEnrollmentResponse>, ApiError>> BeginTotpEnrollment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/2fa/totp")] HttpRequest req,
        [FromBody] PasswordBody? body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.PasswordInput(body?.Password, "password") is { } tooLong)
        {
            return tooLong;
        }

        var result = await enrollments.BeginTotpAsync(http.AccountHolder().Id, body?.Password, http.RequestContext(), cancellationToken);
        if (!result.Succeeded)
        {
            return new ApiError(result.Failure!);
        }

        using var qr = new QRCodeGenerator().CreateQrCode(result.Value.OtpAuthUri, QRCodeGenerator.ECCLevel.M);
        return TypedResults.Ok(new TotpEnrollmentResponse(result.Value.Secret, result.Value.OtpAuthUri, new SvgQRCode(qr).GetGraphic(5)));
    }

    [Function(nameof(ConfirmTotpEnrollment))]
    [OpenApiOperation("Confirm the authenticator app and receive recovery codes", ErrorCode.InvalidCode, ErrorCode.InvalidState)]
    [RequiresAccountHolder(AllowEnrollmentToken = true)]
    public async Task<Results<Ok<RecoveryCodesResponse>, ApiError>> ConfirmTotpEnrollment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/2fa/totp/confirm")] HttpRequest req,
        [FromBody] CodeBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if ((Require.Present(body.Code, "code") ?? Require.Code(body.Code, "code")) is { } invalid)
        {
            return invalid;
        }

        var result = await enrollments.ConfirmTotpAsync(http.AccountHolder().Id, body.Code!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new RecoveryCodesResponse(result.Value)) : new ApiError(result.Failure!);
    }

    /// <summary>
    /// 202: a six-digit code is on its way to the phone by SMS; the phone becomes a factor once <see cref="ConfirmTwoFactorPhone"/>
    /// gets the code back (proof of possession). The password is needed when a second factor is enrolled already.
    /// </summary>
    [Function(nameof(SetTwoFactorPhone))]
    [OpenApiOperation("Send a code to the phone to enrol as a second factor", ErrorCode.InvalidCredentials, ErrorCode.TooManyRequests)]
    [RequiresAccountHolder(AllowEnrollmentToken = true)]
    [RateLimitedPerIp]
    public async Task<Results<Accepted, ApiError>> SetTwoFactorPhone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/2fa/phone")] HttpRequest req,
        [FromBody] PhoneBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if ((Require.Present(body.Phone, "phone") ?? Require.PasswordInput(body.Password, "password")) is { } invalid)
        {
            return invalid;
        }

        var result = await enrollments.SetPhoneAsync(http.AccountHolder().Id, body.Phone!, body.Password, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Accepted((string?)null) : new ApiError(result.Failure!);
    }

    /// <summary>204: the code sent to the pending phone came back; SMS and voice codes are now second factors.</summary>
    [Function(nameof(ConfirmTwoFactorPhone))]
    [OpenApiOperation("Confirm the phone with the code sent to it", ErrorCode.InvalidCode, ErrorCode.InvalidState)]
    [RequiresAccountHolder(AllowEnrollmentToken = true)]
    [RateLimitedPerIp]
    public async Task<Results<NoContent, ApiError>> ConfirmTwoFactorPhone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/2fa/phone/confirm")] HttpRequest req,
        [FromBody] CodeBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if ((Require.Present(body.Code, "code") ?? Require.Code(body.Code, "code")) is { } invalid)
        {
            return invalid;
        }

        var result = await enrollments.ConfirmPhoneAsync(http.AccountHolder().Id, body.Code!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(DisableTwoFactor))]
    [OpenApiOperation("Turn off two-factor authentication (the password again)", ErrorCode.InvalidCredentials, ErrorCode.InvalidState, ErrorCode.TooManyRequests)]
    [RequiresAccountHolder]
    [RateLimitedPerIp]
    public async Task<Results<NoContent, ApiError>> DisableTwoFactor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "account/2fa")] HttpRequest req,
        [FromBody] PasswordBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Password(body.Password, "password") is { } invalid)
        {
            return invalid;
        }

        var result = await enrollments.DisableAsync(http.AccountHolder().Id, body.Password!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(ResetTwoFactor))]
    [OpenApiOperation("Reset a user's second factors")]
    [RequiresCaller]
    [ActsOnUser(UserAction.ResetTwoFactor)]
    public async Task<Results<NoContent, ApiError>> ResetTwoFactor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/{userId}/2fa")] HttpRequest req,
        string userId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await enrollments.ResetAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }
}
