using System.Text.Json;
using System.Text.Unicode;
using AccountAccess.Core.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace AccountAccess.Functions.Http;

/// <summary>
/// The request body checks of API.md ("Conventions"): at most 64 KiB, valid UTF-8 when it says it is JSON, and — for a
/// <c>[FromBody]</c> parameter — JSON of the parameter's type, or <c>400 invalid_request</c> naming the field at fault.
/// </summary>
public static class RequestBody
{
    /// <summary>Bodies above this are refused with 400 <c>invalid_request</c> (API.md).</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly object ParsedKey = new();

    /// <summary>Refuses a body announced over the limit, and caps what the server will read of one that is not announced.</summary>
    public static Failure? CheckSize(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        return http.Request.ContentLength > MaxBytes ? Problem("the body is over 64 KiB") : null;
    }

    /// <summary>
    /// Refuses a JSON body that is not valid UTF-8 (RFC 8259 §8.1) before any function sees it: System.Text.Json skips the
    /// bytes of unknown property names without decoding them, so a garbage body could otherwise be half-read and acted on.
    /// The body is buffered (it is at most 64 KiB) so the function reads it again from the start.
    /// </summary>
    public static async Task<Failure?> CheckUtf8Async(HttpRequest request)
    {
        if (!HasBody(request) || !request.HasJsonContentType())
        {
            return null;
        }

        request.EnableBuffering(bufferThreshold: MaxBytes, bufferLimit: MaxBytes);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)) ? null : Problem("the body is not valid UTF-8 JSON");
    }

    /// <summary>Reads the body a function declares, keeping it for the function's <c>[FromBody]</c> parameter.</summary>
    public static async Task<Failure?> ParseAsync(HttpRequest request, JsonBody body, JsonSerializerOptions options)
    {
        object? value = null;
        if (!HasBody(request))
        {
            if (!body.Optional)
            {
                return Problem("the body is missing or unreadable");
            }
        }
        else if (!request.HasJsonContentType())
        {
            return Problem("the body must be JSON (Content-Type: application/json)");
        }
        else
        {
            try
            {
                value = await JsonSerializer.DeserializeAsync(request.Body, body.Type, options, request.HttpContext.RequestAborted);
            }
            catch (JsonException bad)
            {
                // A syntax error (cut short, not JSON) carries the reader's own exception; a value of the wrong type does not.
                return bad.Path is { Length: > 2 } path && bad.InnerException?.GetType().Name != "JsonReaderException"
                    ? Failure.InvalidField(path.TrimStart('$', '.'), "has the wrong type or value")
                    : Problem("the body is not valid JSON");
            }

            if (value is null && !body.Optional)
            {
                return Problem("the body is missing or unreadable");
            }
        }

        request.HttpContext.Items[ParsedKey] = value;
        return null;
    }

    /// <summary>The body <see cref="ParseAsync"/> read, for a function's <c>[FromBody]</c> parameter.</summary>
    public static object? Parsed(HttpContext http) => http.Items.TryGetValue(ParsedKey, out var value) ? value : null;

    /// <summary>The answer to a body the server could not read (over the limit while reading, cut short, wrong media type).</summary>
    public static Failure Unreadable(BadHttpRequestException unreadable) => unreadable.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Problem("the body is over 64 KiB"),
        StatusCodes.Status415UnsupportedMediaType => Problem("the body must be JSON (Content-Type: application/json)"),
        _ when unreadable.InnerException is JsonException => Problem("the body is not valid JSON"),
        _ => Problem("the body is missing or unreadable"),
    };

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static Failure Problem(string problem) => Failure.Of(ErrorCode.InvalidRequest, ("problem", problem));
}
