using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;

namespace AccountAccess.Functions.Hosting;

/// <summary>What handlers read from the request besides its body: who calls, and from which IP.</summary>
public static class HttpContextExtensions
{
    private const string CallerKey = "AccountAccess.Caller";
    private const string HolderKey = "AccountAccess.AccountHolder";
    private const string ActingOrganizationKey = "AccountAccess.ActingOrganization";

    /// <summary>The caller the HTTP pipeline resolved for a function marked <see cref="Http.RequiresCallerAttribute"/>.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[CallerKey] as Caller ?? throw new InvalidOperationException("This function is not marked [RequiresCaller].");

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Items[CallerKey] = caller;

    /// <summary>The user acting on their own account, as the HTTP pipeline resolved it for a function marked <see cref="Http.RequiresAccountHolderAttribute"/>.</summary>
    public static User AccountHolder(this HttpContext context) =>
        context.Items[HolderKey] as User ?? throw new InvalidOperationException("This function is not marked [RequiresAccountHolder].");

    internal static void SetAccountHolder(this HttpContext context, User holder) => context.Items[HolderKey] = holder;

    /// <summary>The organization an administrator or supervisor acts for on the route's user (<see cref="Core.Authorization.AccessRules.ActingOrganization"/>).</summary>
    internal static void SetActingOrganization(this HttpContext context, string organizationId) => context.Items[ActingOrganizationKey] = organizationId;

    /// <summary>The source IP (from X-Forwarded-For when a trusted proxy such as the Functions host forwarded the request).</summary>
    public static string? SourceIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    public static RequestContext RequestContext(this HttpContext context) =>
        new(context.Items[CallerKey] is Caller caller ? caller.Actor
            : context.Items[HolderKey] is User holder ? Actor.ForUser(holder.Id)
            : Actor.Anonymous, context.SourceIp(), context.Items[ActingOrganizationKey] as string);
}
