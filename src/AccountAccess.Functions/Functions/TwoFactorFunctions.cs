using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace AccountAccess.Functions.Functions;

/// <summary>Two-factor authentication (API.md "POST /api/auth/2fa/…" and "Two-factor enrolment").</summary>
public static class TwoFactorFunctions
{
    public static void MapTwoFactorFunctions(this IEndpointRouteBuilder app)
    {
        var signIn = app.MapGroup("api/auth/2fa").RequireRateLimiting(RateLimiting.SignInPolicy);
        signIn.MapPost("/send", SendAsync).AsFunction("SendTwoFactorCode");
        signIn.MapPost("/verify", VerifyAsync).AsFunction("VerifyTwoFactorCode");

        var account = app.MapGroup("api/account/2fa");
        account.MapPost("/totp", BeginTotpAsync).AsFunction("BeginTotpEnrollment");
        account.MapPost("/totp/confirm", ConfirmTotpAsync).AsFunction("ConfirmTotpEnrollment");
        account.MapPost("/phone", SetPhoneAsync).AsFunction("SetTwoFactorPhone");
        account.MapDelete("", DisableAsync).AsFunction("DisableTwoFactor");

        app.MapGroup("api/users").AddEndpointFilter<RequireCallerFilter>()
            .MapDelete("/{userId}/2fa", ResetAsync).AsFunction("ResetTwoFactor");
    }

    public static async Task<Results<Accepted, ApiError>> SendAsync(SendCodeBody body, TwoFactorSignIn twoFactor, CancellationToken cancellationToken)
    {
        if ((Require.Present(body.ChallengeId, "challengeId") ?? Require.Present(body.Method, "method")) is { } missing)
        {
            return missing;
        }

        var result = await twoFactor.SendAsync(body.ChallengeId!, body.Method!.Value, cancellationToken);
        return result.Succeeded ? TypedResults.Accepted((string?)null) : new ApiError(result.Failure!);
    }

    public static async Task<Results<Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> VerifyAsync(
        VerifyCodeBody body, HttpContext http, TwoFactorSignIn twoFactor, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<Ok<TotpEnrollmentResponse>, ApiError>> BeginTotpAsync(
        HttpContext http, AccountHolderResolver holders, TwoFactorEnrollments enrollments, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<Ok<RecoveryCodesResponse>, ApiError>> ConfirmTotpAsync(
        CodeBody body, HttpContext http, AccountHolderResolver holders, TwoFactorEnrollments enrollments, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<NoContent, ApiError>> SetPhoneAsync(
        PhoneBody body, HttpContext http, AccountHolderResolver holders, TwoFactorEnrollments enrollments, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<NoContent, ApiError>> DisableAsync(
        [FromBody] PasswordBody body, HttpContext http, AccountHolderResolver holders, TwoFactorEnrollments enrollments, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<NoContent, ApiError>> ResetAsync(
        string userId, HttpContext http, TwoFactorEnrollments enrollments, CancellationToken cancellationToken)
    {
        var result = await enrollments.ResetAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    private static RequestContext Own(HttpContext http, string userId) => new(Actor.ForUser(userId), http.SourceIp());
}
