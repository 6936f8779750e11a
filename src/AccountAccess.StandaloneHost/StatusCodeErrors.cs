using AccountAccess.Core.Errors;

namespace AccountAccess.StandaloneHost;

/// <summary>The contract's error for a bare status code set by the framework rather than by a handler.</summary>
public static class StatusCodeErrors
{
    public static Failure? For(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => Failure.Of(ErrorCode.InvalidRequest, ("problem", "the body is missing or unreadable")),
        StatusCodes.Status404NotFound => Failure.Of(ErrorCode.NotFound),
        StatusCodes.Status405MethodNotAllowed => Failure.Of(ErrorCode.MethodNotAllowed),
        StatusCodes.Status413PayloadTooLarge => Failure.Of(ErrorCode.InvalidRequest, ("problem", "the body is over 64 KiB")),
        StatusCodes.Status415UnsupportedMediaType => Failure.Of(ErrorCode.InvalidRequest, ("problem", "the body must be JSON (Content-Type: application/json)")),
        _ => null,
    };
}
