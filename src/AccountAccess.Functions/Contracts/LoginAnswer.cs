using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// The "login result" of API.md, shared by sign-in, the change-token flow and 2FA verification: one 200 shape per
/// <see cref="SignedIn"/> case, or the error.
/// </summary>
public static class LoginAnswer
{
    public static Results<Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError> From(Result<SignedIn> result) =>
        !result.Succeeded ? new ApiError(result.Failure!)
        : result.Value switch
        {
            SignedIn.Granted granted => TypedResults.Ok(LoginResponse.From(granted)),
            SignedIn.PasswordChangeRequired change => TypedResults.Ok(PasswordChangeRequiredResponse.From(change)),
            SignedIn.TwoFactorRequired twoFactor => TypedResults.Ok(TwoFactorRequiredResponse.From(twoFactor)),
            SignedIn.TwoFactorEnrollmentRequired enrollment => TypedResults.Ok(TwoFactorEnrollmentRequiredResponse.From(enrollment)),
            _ => throw new InvalidOperationException($"No answer for {result.Value.GetType().Name}."),
        };
}
