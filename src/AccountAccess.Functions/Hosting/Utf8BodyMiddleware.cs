using System.Text.Unicode;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Refuses a JSON body that is not valid UTF-8 (RFC 8259 §8.1) before any handler sees it. System.Text.Json skips
/// the bytes of unknown property names without decoding them, so without this check a garbage body could be half-read
/// and acted on. Bodies are at most 64 KiB, so buffering one to check it costs little.
/// </summary>
public sealed class Utf8BodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is 0 || !request.HasJsonContentType() || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            await next(context);
            return;
        }

        request.EnableBuffering(bufferThreshold: (int)AppHost.MaxRequestBodyBytes, bufferLimit: AppHost.MaxRequestBodyBytes);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        request.Body.Position = 0;

        if (!Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)))
        {
            await new ApiError(Failure.Of(ErrorCode.InvalidRequest, ("problem", "the body is not valid UTF-8 JSON"))).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
