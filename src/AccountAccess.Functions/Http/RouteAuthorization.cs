using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Http;

/// <summary>
/// Who calls a function and whether they may act on what its route names, decided before any body is read (API.md
/// "Several organizations": authorization before validation). The caller of <c>[RequiresCaller]</c> and
/// <c>[RequiresOperator]</c> functions, the holder of <c>[RequiresAccountHolder]</c> ones; then, for a signed-in caller,
/// <see cref="AccessRules"/> on the user (<c>[ActsOnUser]</c>) or organization (<c>[ActsOnOrganization]</c>) of the route.
/// An operator may act everywhere, so an operator's request goes on to the function, which answers 404 for an unknown id.
/// </summary>
public sealed class RouteAuthorization(CallerResolver callers, AccountHolderResolver holders, IUserStore users)
{
    public async Task<Failure?> RefuseAsync(HttpContext http, HttpRules rules)
    {
        switch (rules.Callers)
        {
            case CallerRequirement.Anyone:
                return null;
            case CallerRequirement.AccountHolder or CallerRequirement.AccountHolderOrEnrollmentToken:
                var allowEnrollmentToken = rules.Callers == CallerRequirement.AccountHolderOrEnrollmentToken;
                if (await holders.ResolveAsync(http, allowEnrollmentToken) is not { } holder)
                {
                    return Failure.Of(ErrorCode.Unauthorized);
                }

                http.SetAccountHolder(holder);
                return null;
        }

        var caller = await callers.ResolveAsync(http);
        if (caller is null)
        {
            return Failure.Of(ErrorCode.Unauthorized);
        }

        if (rules.Callers == CallerRequirement.Operator && caller is not Caller.Operator)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        http.SetCaller(caller);
        return caller is Caller.Operator ? null : await RefuseTargetAsync(http, rules, caller);
    }

    private async Task<Failure?> RefuseTargetAsync(HttpContext http, HttpRules rules, Caller caller)
    {
        if (rules.ActsOnOrganization is { } organizationAction
            && (RouteValue(http, ActsOnOrganizationAttribute.RouteValue) is not { } organizationId || !AccessRules.Allows(caller, organizationId, organizationAction)))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        if (rules.ActsOnUser is not { } userAction)
        {
            return null;
        }

        // An id that does not exist is refused like one outside the caller's organizations: no account enumeration.
        var target = RouteValue(http, ActsOnUserAttribute.RouteValue) is { } userId ? await users.GetAsync(userId, http.RequestAborted) : null;
        if (target is null)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        if (AccessRules.Refusal(caller, target.Value, userAction) is { } refused)
        {
            return refused;
        }

        // What the caller does here is recorded for the organization that gave them the right.
        if (AccessRules.ActingOrganization(caller, target.Value, userAction) is { } actingFor)
        {
            http.SetActingOrganization(actingFor);
        }

        return null;
    }

    private static string? RouteValue(HttpContext http, string name) => http.GetRouteValue(name) as string;
}
