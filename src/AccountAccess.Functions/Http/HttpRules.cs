using System.Reflection;
using AccountAccess.Core.Authorization;
using Microsoft.Azure.Functions.Worker.Http;

namespace AccountAccess.Functions.Http;

/// <summary>
/// What the shared HTTP pipeline (<see cref="HttpFunctionPipeline"/>) checks before an HTTP function runs, read from the
/// function's attributes: who may call, whether the source IP is rate-limited, the JSON body it reads, and the user or
/// organization of its route it acts on (checked before the body is read).
/// </summary>
/// <param name="TrustedDevicesExempt">The function applies the per-IP budgets itself (<see cref="RateLimitedPerIpAttribute.TrustedDevicesExempt"/>).</param>
public sealed record HttpRules(
    CallerRequirement Callers, bool RateLimitedPerIp, JsonBody? Body, UserAction? ActsOnUser = null, OrganizationAction? ActsOnOrganization = null,
    bool TrustedDevicesExempt = false)
{
    public static HttpRules None { get; } = new(CallerRequirement.Anyone, false, null);

    public static HttpRules Of(MethodInfo method)
    {
        var callers = method.GetCustomAttribute<RequiresOperatorAttribute>() is not null ? CallerRequirement.Operator
            : method.GetCustomAttribute<RequiresCallerAttribute>() is not null ? CallerRequirement.OperatorOrSignedInUser
            : method.GetCustomAttribute<RequiresAccountHolderAttribute>() is { } holder
                ? holder.AllowEnrollmentToken ? CallerRequirement.AccountHolderOrEnrollmentToken : CallerRequirement.AccountHolder
            : CallerRequirement.Anyone;
        var fromBody = method.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<FromBodyAttribute>() is not null);
        JsonBody? body = fromBody is null ? null
            : new JsonBody(fromBody.ParameterType, new NullabilityInfoContext().Create(fromBody).ReadState == NullabilityState.Nullable, ParsedByPipeline: true);
        if (body is null && method.GetCustomAttribute<ReadsJsonBodyAttribute>() is { } raw)
        {
            body = new JsonBody(raw.BodyType, Optional: false, ParsedByPipeline: false);
        }

        var limited = method.GetCustomAttribute<RateLimitedPerIpAttribute>();
        return new HttpRules(
            callers,
            limited is not null,
            body,
            method.GetCustomAttribute<ActsOnUserAttribute>()?.Action,
            method.GetCustomAttribute<ActsOnOrganizationAttribute>()?.Action,
            limited?.TrustedDevicesExempt == true);
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

    /// <summary>A signed-in user acting on their own account; 401 otherwise (an operator key is not an account).</summary>
    AccountHolder,

    /// <summary>As <see cref="AccountHolder"/>, or the holder of an enrolment token (the enrolment routes only).</summary>
    AccountHolderOrEnrollmentToken,
}

/// <summary>
/// The JSON body an HTTP function reads. <see cref="ParsedByPipeline"/>: a <c>[FromBody]</c> parameter, read, checked and
/// deserialized before the function runs (400 <c>invalid_request</c> naming the field otherwise); false: the function
/// reads the raw body itself (the billing webhook checks its signature over the raw bytes first).
/// </summary>
public sealed record JsonBody(Type Type, bool Optional, bool ParsedByPipeline);
