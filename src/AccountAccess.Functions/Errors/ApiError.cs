using System.Globalization;
using System.Reflection;
using AccountAccess.Core.Errors;
using Microsoft.AspNetCore.Http.Metadata;

namespace AccountAccess.Functions.Errors;

/// <summary>
/// An error answer of API.md: the status of its code and <c>{"error":{"code","message","details"}}</c>, the message in
/// the request's language. Handlers return it as one case of their typed results.
/// </summary>
public sealed class ApiError(Failure failure) : IResult, IEndpointMetadataProvider
{
    public Failure Failure { get; } = failure;

    public static ApiError Of(ErrorCode code) => new(Core.Errors.Failure.Of(code));

    public static ApiError InvalidField(string field, string problem) => new(Core.Errors.Failure.InvalidField(field, problem));

    public static implicit operator ApiError(Failure failure) => new(failure);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = ErrorCatalogue.StatusOf(Failure.Code);
        var body = new ErrorBody(new ErrorContent(Failure.CodeName, ErrorCatalogue.MessageOf(Failure.Code, CultureInfo.CurrentUICulture), Failure.Details));
        return response.WriteAsJsonAsync(body, httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ErrorBody), ["application/json"]));
}

/// <summary>The error envelope of API.md.</summary>
public sealed record ErrorBody(ErrorContent Error);

public sealed record ErrorContent(string Code, string Message, IReadOnlyDictionary<string, object?> Details);
