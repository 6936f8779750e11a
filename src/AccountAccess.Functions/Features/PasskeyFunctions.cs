using System.Text.Json;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AccountAccess.Functions.Features;

/// <summary>
/// Passkeys (API.md "Passkeys (WebAuthn, FIDO2)"): the holder adds (with the password again), lists, renames and removes
/// (with the password again) them; anyone signs in with one, alone. As a second factor, a passkey answers
/// /api/auth/2fa/verify (<see cref="TwoFactorFunctions"/>).
/// </summary>
public sealed class PasskeyFunctions(PasskeyRegistrations registrations, PasskeySignIn passwordless)
{
    /// <summary>
    /// Creation options for a new passkey, once the password is proven again (a wrong one counts as a failed sign-in). The
    /// enrolment token of a sign-in that requires a second factor or a passkey is accepted too.
    /// </summary>
    [Function(nameof(BeginPasskeyRegistration))]
    [OpenApiOperation("Start adding a passkey (the password again): the creation options", ErrorCode.InvalidCredentials, ErrorCode.InvalidState, ErrorCode.TooManyRequests)]
    [RequiresAccountHolder(AllowEnrollmentToken = true)]
    [RateLimitedPerIp]
    public async Task<Results<Ok<PasskeyOptionsResponse>, ApiError>> BeginPasskeyRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/passkeys/options")] HttpRequest req,
        [FromBody] PasswordBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Password(body.Password, "password") is { } invalid)
        {
            return invalid;
        }

        var result = await registrations.BeginAsync(http.AccountHolder().Id, body.Password!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(PasskeyOptionsResponse.From(result.Value)) : new ApiError(result.Failure!);
    }

    /// <summary>201: the passkey that answered the options is the account's; 400 <c>passkey_invalid</c> with <c>details.reason</c>.</summary>
    [Function(nameof(RegisterPasskey))]
    [OpenApiOperation("Add the passkey that answered the creation options", ErrorCode.PasskeyInvalid, ErrorCode.InvalidState)]
    [RequiresAccountHolder(AllowEnrollmentToken = true)]
    public async Task<Results<Created<PasskeyResponse>, ApiError>> RegisterPasskey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "account/passkeys")] HttpRequest req,
        [FromBody] RegisterPasskeyBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if ((Require.Present(body.ChallengeId, "challengeId") ?? Credential(body.Credential)) is { } invalid)
        {
            return invalid;
        }

        var result = await registrations.CompleteAsync(http.AccountHolder().Id, body.ChallengeId!, body.Name, body.Credential!.Value.GetRawText(), http.RequestContext(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/account/passkeys/{result.Value.Id}", PasskeyResponse.From(result.Value))
            : new ApiError(result.Failure!);
    }

    [Function(nameof(ListPasskeys))]
    [OpenApiOperation("List the account's passkeys")]
    [RequiresAccountHolder]
    public Results<Ok<PasskeysResponse>, ApiError> ListPasskeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account/passkeys")] HttpRequest req) =>
        // ApiError: the pipeline answers 401 for a caller who is no holder, and the document says so.
        TypedResults.Ok(new PasskeysResponse(req.HttpContext.AccountHolder().TwoFactor.Passkeys.Select(PasskeyResponse.From).ToList()));

    /// <summary>A new name for the passkey (no step-up: a name opens nothing).</summary>
    [Function(nameof(RenamePasskey))]
    [OpenApiOperation("Rename a passkey", ErrorCode.NotFound)]
    [RequiresAccountHolder]
    public async Task<Results<Ok<PasskeyResponse>, ApiError>> RenamePasskey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "account/passkeys/{passkeyId}")] HttpRequest req,
        string passkeyId,
        [FromBody] NameBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.Name, "name") is { } missing)
        {
            return missing;
        }

        var result = await registrations.RenameAsync(http.AccountHolder().Id, passkeyId, body.Name!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(PasskeyResponse.From(result.Value)) : new ApiError(result.Failure!);
    }

    /// <summary>204 once the password is proven again (a wrong one counts as a failed sign-in).</summary>
    [Function(nameof(RemovePasskey))]
    [OpenApiOperation("Remove a passkey (the password again)", ErrorCode.InvalidCredentials, ErrorCode.NotFound, ErrorCode.TooManyRequests)]
    [RequiresAccountHolder]
    [RateLimitedPerIp]
    public async Task<Results<NoContent, ApiError>> RemovePasskey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "account/passkeys/{passkeyId}")] HttpRequest req,
        string passkeyId,
        [FromBody] PasswordBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Password(body.Password, "password") is { } invalid)
        {
            return invalid;
        }

        var result = await registrations.RemoveAsync(http.AccountHolder().Id, passkeyId, body.Password!, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }

    /// <summary>
    /// Request options for a sign-in with a passkey: without a login, any discoverable passkey of ours; with one, the
    /// passkeys of its account — and, for a login that has none or names no account, options that look the same.
    /// </summary>
    [Function(nameof(PasskeySignInOptions))]
    [OpenApiOperation("Start a sign-in with a passkey: the request options", ErrorCode.TooManyRequests)]
    [RateLimitedPerIp]
    public async Task<Results<Ok<PasskeyOptionsResponse>, ApiError>> PasskeySignInOptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/passkey/options")] HttpRequest req,
        [FromBody] PasskeySignInOptionsBody? body,
        CancellationToken cancellationToken)
    {
        if (body?.Login is { Length: > 320 })
        {
            return ApiError.InvalidField("login", "at most 320 characters");
        }

        return TypedResults.Ok(PasskeyOptionsResponse.From(await passwordless.OptionsAsync(body?.Login, cancellationToken)));
    }

    /// <summary>
    /// The login result of a sign-in whose password and second factor are both proven — the portal, deactivation, billing,
    /// app version and password age still apply — or 400 <c>passkey_invalid</c> with <c>details.reason</c>.
    /// </summary>
    [Function(nameof(VerifyPasskeySignIn))]
    [OpenApiOperation("Sign in with a passkey alone", ErrorCode.PasskeyInvalid, ErrorCode.TooManyRequests, ErrorCode.AccountDeactivated, ErrorCode.AccountDeparted, ErrorCode.AccessRevoked, ErrorCode.WrongPortal, ErrorCode.NoOrganizationLinked, ErrorCode.OrganizationSuspended, ErrorCode.AppUpdateRequired)]
    [RateLimitedPerIp]
    public async Task<Results<Ok<LoginResponse>, Ok<PasswordChangeRequiredResponse>, Ok<TwoFactorRequiredResponse>, Ok<TwoFactorEnrollmentRequiredResponse>, ApiError>> VerifyPasskeySignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/passkey/verify")] HttpRequest req,
        [FromBody] VerifyPasskeyBody body,
        CancellationToken cancellationToken)
    {
        if ((Require.Present(body.ChallengeId, "challengeId") ?? Credential(body.Credential) ?? Require.Present(body.Portal, "portal")) is { } invalid)
        {
            return invalid;
        }

        AppVersion? appVersion = null;
        if (body.AppVersion is not null && !AppVersion.TryParse(body.AppVersion, out appVersion))
        {
            return ApiError.InvalidField("appVersion", "a version such as 3.2.0");
        }

        var result = await passwordless.VerifyAsync(body.ChallengeId!, body.Credential!.Value.GetRawText(), new SignInAttempt(body.Portal!.Value, appVersion),
            req.HttpContext.RequestContext(), cancellationToken);
        return LoginAnswer.From(result);
    }

    private static ApiError? Credential(JsonElement? credential) =>
        credential is null ? ApiError.InvalidField("credential", "is required")
        : credential.Value.ValueKind != JsonValueKind.Object ? ApiError.InvalidField("credential", "must be the object navigator.credentials gives (its toJSON())")
        : null;

}
