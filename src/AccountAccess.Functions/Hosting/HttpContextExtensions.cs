using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;

namespace AccountAccess.Functions.Hosting;

/// <summary>What handlers read from the request besides its body: who calls, and from which IP.</summary>
public static class HttpContextExtensions
{
    private const string CallerKey = "AccountAccess.Caller";

    /// <summary>The caller the HTTP pipeline resolved for a function marked <see cref="Http.RequiresCallerAttribute"/>.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[CallerKey] as Caller ?? throw new InvalidOperationException("This function is not marked [RequiresCaller].");

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Items[CallerKey] = caller;

    /// <summary>The source IP (from X-Forwarded-For when a trusted proxy such as the Functions host forwarded the request).</summary>
    public static string? SourceIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    public static RequestContext RequestContext(this HttpContext context) =>
        new(context.Items[CallerKey] is Caller caller ? caller.Actor : Actor.Anonymous, context.SourceIp(), context.Request.Headers.UserAgent.ToString());
}
