using System.Reflection;
using Microsoft.Azure.Functions.Worker.Http;

namespace AccountAccess.Functions.Http;

/// <summary>
/// What the shared HTTP pipeline (<see cref="HttpFunctionPipeline"/>) checks before an HTTP function runs, read from the
/// function's attributes: who may call, whether the source IP is rate-limited, and the JSON body it reads.
/// </summary>
/// <param name="TrustedDevicesExempt">The function applies the per-IP budgets itself (<see cref="RateLimitedPerIpAttribute.TrustedDevicesExempt"/>).</param>
public sealed record HttpRules(CallerRequirement Callers, bool RateLimitedPerIp, JsonBody? Body, bool TrustedDevicesExempt = false)
{
    public static HttpRules None { get; } = new(CallerRequirement.Anyone, false, null);

    public static HttpRules Of(MethodInfo method)
    {
        var callers = method.GetCustomAttribute<RequiresOperatorAttribute>() is not null ? CallerRequirement.Operator
            : method.GetCustomAttribute<RequiresCallerAttribute>() is not null ? CallerRequirement.OperatorOrSignedInUser
            : CallerRequirement.Anyone;
        var fromBody = method.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<FromBodyAttribute>() is not null);
        JsonBody? body = fromBody is null ? null
            : new JsonBody(fromBody.ParameterType, new NullabilityInfoContext().Create(fromBody).ReadState == NullabilityState.Nullable, ParsedByPipeline: true);
        if (body is null && method.GetCustomAttribute<ReadsJsonBodyAttribute>() is { } raw)
        {
            body = new JsonBody(raw.BodyType, Optional: false, ParsedByPipeline: false);
        }

        var limited = method.GetCustomAttribute<RateLimitedPerIpAttribute>();
        return new HttpRules(callers, limited is not null, body, limited?.TrustedDevicesExempt == true);
    }
}

/// <summary>Who may call an HTTP function.</summary>
public enum CallerRequirement
{
    /// <summary>Anyone, signed in or not (sign-in, forgot-password, webhooks with their own signature).</summary>
    Anyone,

    /// <summary>An operator (<c>X-Operator-Key</c>) or a signed-in user (<c>Authorization: Bearer</c>); 401 otherwise.</summary>
    OperatorOrSignedInUser,

    /// <summary>An operator only: 401 without credentials, 403 for a signed-in user.</summary>
    Operator,
}

/// <summary>
/// The JSON body an HTTP function reads. <see cref="ParsedByPipeline"/>: a <c>[FromBody]</c> parameter, read, checked and
/// deserialized before the function runs (400 <c>invalid_request</c> naming the field otherwise); false: the function
/// reads the raw body itself (the billing webhook checks its signature over the raw bytes first).
/// </summary>
public sealed record JsonBody(Type Type, bool Optional, bool ParsedByPipeline);
