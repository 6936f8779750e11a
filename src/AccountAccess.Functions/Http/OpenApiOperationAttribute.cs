using AccountAccess.Core.Errors;

namespace AccountAccess.Functions.Http;

/// <summary>
/// What the OpenAPI document says of an HTTP function beyond what its other attributes already tell: a one-line
/// <see cref="Summary"/> for client generators and documentation renderers, and the error codes of API.md that its
/// own rules may answer (<see cref="Errors"/>). The codes every function of its kind may answer are added by
/// <c>OpenApiDocument</c> from the function's rules — <c>invalid_request</c> for a body, <c>unauthorized</c> and
/// <c>forbidden</c> for its callers, <c>not_found</c> and <c>other_organizations</c> for the user or organization it
/// acts on, <c>too_many_requests</c> for the per-IP budget, <c>service_unavailable</c> for a storage outage — so they
/// are not repeated here. Each code is documented under the status <c>ErrorCatalogue</c> gives it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenApiOperationAttribute(string summary, params ErrorCode[] errors) : Attribute
{
    public string Summary { get; } = summary;

    public IReadOnlyList<ErrorCode> Errors { get; } = errors;
}
