using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Route-group filter for routes that need an operator or a signed-in user: answers <c>401 unauthorized</c> without
/// them, and otherwise makes the caller available to the handler (<see cref="HttpContextExtensions.Caller"/>).
/// </summary>
public sealed class RequireCallerFilter(CallerResolver callers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var caller = await callers.ResolveAsync(invocation.HttpContext);
        if (caller is null)
        {
            return ApiError.Of(ErrorCode.Unauthorized);
        }

        invocation.HttpContext.SetCaller(caller);
        return await next(invocation);
    }
}

/// <summary>Route-group filter for the operator's own routes: operator key required.</summary>
public sealed class RequireOperatorFilter(CallerResolver callers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var caller = await callers.ResolveAsync(invocation.HttpContext);
        if (caller is null)
        {
            return ApiError.Of(ErrorCode.Unauthorized);
        }

        if (caller is not Core.Authorization.Caller.Operator)
        {
            return ApiError.Of(ErrorCode.Forbidden);
        }

        invocation.HttpContext.SetCaller(caller);
        return await next(invocation);
    }
}
