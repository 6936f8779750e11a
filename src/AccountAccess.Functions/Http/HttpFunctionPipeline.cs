using System.Globalization;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Storage;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AccountAccess.Functions.Http;

/// <summary>
/// Everything an HTTP function runs inside, written once for both hosts: the Functions host reaches it through
/// <see cref="Worker.HttpFunctionMiddleware"/> (worker middleware), the standalone host through its endpoints. In order:
/// security headers, the answer's language, the per-IP budgets (failed sign-ins counted after the function), the body's size and encoding, the caller and
/// what it may act on (<see cref="RouteAuthorization"/>), the <c>[FromBody]</c> body; then the function; and what escapes it becomes an answer of the contract (unreadable input
/// 400, storage unreachable 503, anything else a logged 500). The function's result is returned, not written, so each
/// host writes it the way it writes any result.
/// </summary>
public sealed class HttpFunctionPipeline(
    RouteAuthorization authorization,
    SignInRateLimiter rateLimiter,
    DiagnosticsOptions diagnostics,
    IOptions<JsonOptions> json,
    ILogger<HttpFunctionPipeline> logger)
{
    public async Task<IResult> RunAsync(HttpContext http, FunctionEntry function, Func<Task<object?>> invoke)
    {
        SecurityHeaders.Apply(http.Response);
        if (diagnostics.StorageRoundTripsHeader)
        {
            CountStorageRoundTrips(http.Response);
        }

        // The function's own flow (messages it builds, like the diagnosis) speaks the caller's language.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = RequestLanguage.Of(http.Request);
        try
        {
            if (await RefuseAsync(http, function.Http) is { } refusal)
            {
                return new ApiError(refusal);
            }

            var answer = await invoke() switch
            {
                IResult result => result,
                var other => throw new InvalidOperationException($"{function.Name} returned {other?.GetType().Name ?? "null"}; HTTP functions return an IResult."),
            };
            if (function.Http is { RateLimitedPerIp: true, TrustedDevicesExempt: false } && IsFailedSignIn(answer))
            {
                rateLimiter.RecordFailure(http.SourceIp());
            }

            return answer;
        }
        catch (BadHttpRequestException unreadable) when (!http.Response.HasStarted)
        {
            return new ApiError(RequestBody.Unreadable(unreadable));
        }
        catch (Exception storage) when (!http.Response.HasStarted && StorageOutage.IsCause(storage))
        {
            logger.LogError(storage, "Storage unreachable while running {Function} ({Method} {Path})", function.Name, http.Request.Method, http.Request.Path);
            return ApiError.Of(ErrorCode.ServiceUnavailable);
        }
        catch (Exception bug) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(bug, "Unhandled error in {Function} ({Method} {Path})", function.Name, http.Request.Method, http.Request.Path);
            return ApiError.Of(ErrorCode.InternalError);
        }
    }

    /// <summary>Whether the answer is an <c>invalid_credentials</c> refusal, however the function's typed result wraps it.</summary>
    private static bool IsFailedSignIn(IResult answer) =>
        (answer is INestedHttpResult nested ? nested.Result : answer) is ApiError { Failure.Code: ErrorCode.InvalidCredentials };

    private async Task<Failure?> RefuseAsync(HttpContext http, HttpRules rules)
    {
        if (rules is { RateLimitedPerIp: true, TrustedDevicesExempt: false } && rateLimiter.Refuse(http.SourceIp()) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Failure.Of(ErrorCode.TooManyRequests);
        }

        if ((RequestBody.CheckSize(http) ?? await RequestBody.CheckUtf8Async(http.Request)) is { } unreadable)
        {
            return unreadable;
        }

        if (await authorization.RefuseAsync(http, rules) is { } refused)
        {
            return refused;
        }

        return rules.Body is { ParsedByPipeline: true } body ? await RequestBody.ParseAsync(http.Request, body, json.Value.SerializerOptions) : null;
    }

    /// <summary>
    /// With <c>Diagnostics:StorageRoundTripsHeader</c> on, <c>X-Storage-Round-Trips</c> tells how many storage requests the
    /// answer cost, so the sign-in budget (three) is measured by tests and the load driver, not assumed.
    /// </summary>
    private static void CountStorageRoundTrips(HttpResponse response)
    {
        var count = StorageRequestCounter.BeginScope();
        response.OnStarting(() =>
        {
            response.Headers[StorageRoundTripsHeader] = Volatile.Read(ref count.Count).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
    }

    public const string StorageRoundTripsHeader = "X-Storage-Round-Trips";
}
