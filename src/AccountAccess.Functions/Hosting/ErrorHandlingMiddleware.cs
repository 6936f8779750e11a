using System.Text.Json;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;
using Azure;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Turns what escapes a handler into an answer of the contract. Unreadable input (malformed JSON, a wrong type, an
/// unknown enum value, a body over 64 KiB, a wrong content type) is <c>400 invalid_request</c> naming the field when
/// the JSON reader knows it; unreachable storage is 503; anything else is a bug, logged, and a plain 500.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException unreadable) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, InvalidRequest(unreadable));
        }
        catch (Exception storage) when (!context.Response.HasStarted && IsStorageOutage(storage))
        {
            logger.LogError(storage, "Storage unreachable while handling {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, Failure.Of(ErrorCode.ServiceUnavailable));
        }
        catch (Exception bug) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(bug, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, Failure.Of(ErrorCode.InternalError));
        }
    }

    private static Failure InvalidRequest(BadHttpRequestException unreadable)
    {
        if (unreadable.InnerException is JsonException { Path: { } path } && path.Length > 2)
        {
            return Failure.InvalidField(path.TrimStart('$', '.'), "has the wrong type or value");
        }

        // A query or route value that does not convert: 'Failed to bind parameter "int? max" from "abc".'
        if (BindingFailure().Match(unreadable.Message) is { Success: true } binding)
        {
            return Failure.InvalidField(binding.Groups["name"].Value, "has the wrong type or value");
        }

        var problem = unreadable.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "the body is over 64 KiB",
            StatusCodes.Status415UnsupportedMediaType => "the body must be JSON (Content-Type: application/json)",
            _ when unreadable.InnerException is JsonException => "the body is not valid JSON",
            _ => "the body is missing or unreadable",
        };
        return Failure.Of(ErrorCode.InvalidRequest, ("problem", problem));
    }

    private static bool IsStorageOutage(Exception exception) =>
        exception is HttpRequestException
        || exception is RequestFailedException { Status: 0 or >= 500 }
        || exception is AggregateException { InnerExceptions: var inner } && inner.All(IsStorageOutage);

    private static Task WriteAsync(HttpContext context, Failure failure)
    {
        context.Response.Clear();
        return new ApiError(failure).ExecuteAsync(context);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to bind parameter ""(?:[^""]*\s)?(?<name>\w+)"" from")]
    private static partial System.Text.RegularExpressions.Regex BindingFailure();
}
