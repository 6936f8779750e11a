using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>One HTTP function of the app: its name, one of its methods, its route template and whether it reads a body.</summary>
public sealed record MappedRoute(string Name, string Method, string Template, bool ReadsBody);

/// <summary>
/// Every HTTP route of the app, read from its <c>[HttpTrigger]</c> attributes (<see cref="FunctionCatalogue"/>, the table
/// both hosts route by), so lists of routes kept in tests can be checked against it and cannot go stale.
/// </summary>
public static class MappedRoutes
{
    public const string RoutePrefix = "/api/";

    public static IReadOnlyList<MappedRoute> All { get; } = FunctionCatalogue.App.Http
        .SelectMany(function => ((FunctionTrigger.Http)function.Trigger).Methods.Select(method =>
            new MappedRoute(function.Name, method, RoutePrefix + ((FunctionTrigger.Http)function.Trigger).Route, function.Http.Body is not null)))
        .ToList();
}
