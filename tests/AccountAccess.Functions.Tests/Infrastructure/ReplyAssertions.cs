using System.Net;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>Assertions on the error envelope of API.md, beyond <see cref="Reply.ShouldBeError"/>.</summary>
public static class ReplyAssertions
{
    /// <summary>A 4xx (never a 5xx) carrying <c>{"error":{"code","message","details"}}</c> with a snake_case code and an object for details.</summary>
    public static Reply ShouldBeClientErrorEnvelope(this Reply reply)
    {
        if ((int)reply.Status is < 400 or > 499)
        {
            throw new XunitException($"Expected a 4xx but got {(int)reply.Status} {reply.Status}: {reply.Body}");
        }

        var error = reply.Json?["error"] as JsonObject
            ?? throw new XunitException($"Expected the error envelope but got {(int)reply.Status}: '{reply.Body}'");
        var code = error["code"]?.GetValue<string>();
        if (string.IsNullOrEmpty(code) || code.Any(c => c is not ('_' or (>= 'a' and <= 'z'))))
        {
            throw new XunitException($"Expected a snake_case code: {reply.Body}");
        }

        if (string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()) || error["details"] is not JsonObject)
        {
            throw new XunitException($"Expected a message and a details object: {reply.Body}");
        }

        return reply;
    }

    /// <summary>400 <c>invalid_request</c>, naming <paramref name="field"/> in <c>details.field</c> when given (an index after it is fine: <c>unitIds[0]</c>).</summary>
    public static Reply ShouldBeInvalidRequest(this Reply reply, string? field = null)
    {
        reply.ShouldBeClientErrorEnvelope().ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        if (field is not null)
        {
            var named = reply.Details?["field"]?.GetValue<string>();
            if (named != field && named?.StartsWith(field + "[", StringComparison.Ordinal) != true)
            {
                throw new XunitException($"Expected details.field '{field}' but got: {reply.Body}");
            }
        }

        return reply;
    }
}
