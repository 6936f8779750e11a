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
public sealed class TwoFactorFunctions(TwoFactorSignIn twoFactor, TwoFactorEnrollments enrollments, AccountHolderResolver holders)
{
    [Function(nameof(SendTwoFactorCode))]
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

        if ((body.Code is null) == (body.RecoveryCode is null))
        {
            return ApiError.InvalidField("code", "give either code or recoveryCode");
        }

        if ((body.Code ?? body.RecoveryCode)!.Length > 32)
        {
            return ApiError.InvalidField(body.Code is null ? "recoveryCode" : "code", "at most 32 characters");
        }

        var result = await twoFactor.VerifyAsync(body.ChallengeId!, body.Code, body.RecoveryCode, http.RequestContext(), cancellationToken);
        return LoginAnswer.From(result);
    }

    [Function(nameof(BeginTotpEnrollment))]
    public async Task<Results<Ok<TotpEnrollmentResponse>, ApiError>> BeginTotpEnrollment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/2fa/totp")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (await holders.ResolveAsync(http, allowEnrollmentToken: true) is not { } user)
        {
            return ApiError.Of(ErrorCode.Unauthorized);
        }

        var result = await enrollments.BeginTotpAsync(user.Id, Own(http, user.Id), cancellationToken);
        if (!result.Succeeded)
        {
            return new ApiError(result.Failure!);
        }

        using var qr = new QRCodeGenerator().CreateQrCode(result.Value.OtpAuthUri, QRCodeGenerator.ECCLevel.M);
        return TypedResults.Ok(new TotpEnrollmentResponse(result.Value.Secret, result.Value.OtpAuthUri, new SvgQRCode(qr).GetGraphic(5)));
    }

    [Function(nameof(ConfirmTotpEnrollment))]
    public async Task<Results<Ok<RecoveryCodesResponse>, ApiError>> ConfirmTotpEnrollment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/2fa/totp/confirm")] HttpRequest req,
        [FromBody] CodeBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.Code, "code") is { } missing)
        {
            return missing;
        }

        if (await holders.ResolveAsync(http, allowEnrollmentToken: true) is not { } user)
        {
            return ApiError.Of(ErrorCode.Unauthorized);
        }

        var result = await enrollments.ConfirmTotpAsync(user.Id, body.Code!, Own(http, user.Id), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new RecoveryCodesResponse(result.Value)) : new ApiError(result.Failure!);
    }

    [Function(nameof(SetTwoFactorPhone))]
    public async Task<Results<NoContent, ApiError>> SetTwoFactorPhone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/2fa/phone")] HttpRequest req,
        [FromBody] PhoneBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.Phone, "phone") is { } missing)
        {
            return missing;
        }

        if (await holders.ResolveAsync(http, allowEnrollmentToken: true) is not { } user)
        {
            return ApiError.Of(ErrorCode.Unauthorized);
        }

        var result = await enrollments.SetPhoneAsync(user.Id, body.Phone!, Own(http, user.Id), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(DisableTwoFactor))]
    public async Task<Results<NoContent, ApiError>> DisableTwoFactor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "account/2fa")] HttpRequest req,
        [FromBody] PasswordBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if ((Require.Present(body.Password, "password") ?? Require.PasswordInput(body.Password, "password")) is { } invalid)
        {
            return invalid;
        }

        if (await holders.ResolveAsync(http, allowEnrollmentToken: false) is not { } user)
        {
            return ApiError.Of(ErrorCode.Unauthorized);
        }

        var result = await enrollments.DisableAsync(user.Id, body.Password!, Own(http, user.Id), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    [Function(nameof(ResetTwoFactor))]
    [RequiresCaller]
    public async Task<Results<NoContent, ApiError>> ResetTwoFactor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/{userId}/2fa")] HttpRequest req,
        string userId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await enrollments.ResetAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    private static RequestContext Own(HttpContext http, string userId) => new(Actor.ForUser(userId), http.SourceIp());
}
