namespace AccountAccess.Functions.Triggers;

/// <summary>
/// Endpoint metadata that makes a route an Azure Function (an HTTP trigger named <see cref="Name"/>).
/// <c>emit-functions</c> writes one <c>function.json</c> per endpoint carrying it.
/// </summary>
public sealed record HttpFunction(string Name);

/// <summary>Naming routes as functions where they are mapped.</summary>
public static class HttpFunctionExtensions
{
    public static RouteHandlerBuilder AsFunction(this RouteHandlerBuilder route, string name) =>
        route.WithName(name).WithMetadata(new HttpFunction(name));
}
