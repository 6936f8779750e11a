using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>One route the app maps: the function it is, its method, its route template and whether it reads a body.</summary>
public sealed record MappedRoute(string Name, string Method, string Template, bool ReadsBody, bool IsHttpFunction);

/// <summary>
/// Every route of the app, read from the app itself (<see cref="AppHost.Build"/> in-process, never started), so lists of
/// routes kept in tests can be checked against it and cannot go stale.
/// </summary>
public static class MappedRoutes
{
    private static readonly Lazy<IReadOnlyList<MappedRoute>> Routes = new(Read);

    public static IReadOnlyList<MappedRoute> All => Routes.Value;

    private static List<MappedRoute> Read()
    {
        using var app = AppHost.Build([]);
        var routes = new List<MappedRoute>();
        foreach (var endpoint in app.Endpoints().OfType<RouteEndpoint>())
        {
            var name = endpoint.Metadata.GetMetadata<HttpFunction>()?.Name ?? endpoint.Metadata.GetMetadata<TriggeredFunctionEndpoint>()?.Name;
            if (name is null)
            {
                continue;
            }

            var readsBody = endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add(new MappedRoute(name, method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), readsBody,
                    endpoint.Metadata.GetMetadata<HttpFunction>() is not null));
            }
        }

        return routes;
    }
}
