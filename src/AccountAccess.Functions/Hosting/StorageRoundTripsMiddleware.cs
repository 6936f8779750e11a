using System.Globalization;
using AccountAccess.Storage;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// With <c>Diagnostics:StorageRoundTripsHeader</c> on, tells in <c>X-Storage-Round-Trips</c> how many storage requests
/// a response cost, so the sign-in budget (three) is measured by tests and the load driver, not assumed.
/// </summary>
public sealed class StorageRoundTripsMiddleware(RequestDelegate next)
{
    public const string Header = "X-Storage-Round-Trips";

    public Task InvokeAsync(HttpContext context)
    {
        var count = StorageRequestCounter.BeginScope();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = Volatile.Read(ref count.Count).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
