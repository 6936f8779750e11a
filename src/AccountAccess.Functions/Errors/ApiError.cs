using System.Text.Json.Serialization;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Http;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AccountAccess.Functions.Errors;

/// <summary>
/// An error answer of API.md: the status of its code and <c>{"error":{"code","message","details"}}</c>, the message in
/// the request's language — and, for a sign-in refusal, what to do next (<c>remedy</c>, <c>remedyCode</c>: the
/// diagnosis's words, <see cref="ErrorRemedies"/>). Functions return it as one case of their typed results.
/// </summary>
public sealed class ApiError(Failure failure) : IResult, IStatusCodeHttpResult
{
    public Failure Failure { get; } = failure;

    public int StatusCode => ErrorCatalogue.StatusOf(Failure.Code);

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public static ApiError Of(ErrorCode code) => new(Core.Errors.Failure.Of(code));

    public static ApiError InvalidField(string field, string problem) => new(Core.Errors.Failure.InvalidField(field, problem));

    public static implicit operator ApiError(Failure failure) => new(failure);

    /// <summary>The body this error is written as, in <paramref name="request"/>'s language.</summary>
    public ErrorBody BodyFor(HttpRequest request)
    {
        var culture = RequestLanguage.Of(request);
        var remedy = ErrorRemedies.For(Failure);
        return new(new ErrorContent(Failure.CodeName, ErrorCatalogue.MessageOf(Failure, culture), Failure.Details)
        {
            Remedy = remedy is { } known ? ErrorRemedies.TextOf(Failure, known, culture) : null,
            RemedyCode = remedy,
        });
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (Failure.Details.TryGetValue("retryAfter", out var seconds) && seconds is int wait)
        {
            // A refusal decided in Core (sign-in's budgets) says when to come back the HTTP way too.
            response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return response.WriteAsJsonAsync(BodyFor(httpContext.Request), options);
    }
}

/// <summary>The error envelope of API.md.</summary>
public sealed record ErrorBody(ErrorContent Error);

public sealed record ErrorContent(string Code, string Message, IReadOnlyDictionary<string, object?> Details)
{
    /// <summary>What to do next, in the message's language; only on sign-in refusals.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Remedy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Remedy? RemedyCode { get; init; }
}
