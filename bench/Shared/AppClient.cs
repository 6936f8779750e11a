namespace Bench.Shared;

/// <summary>The HTTP client the drivers speak to the app with: no connection limit or recycling in the way of the load.</summary>
internal static class AppClient
{
    public static HttpClient Create(Uri url, TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
        })
        {
            BaseAddress = url,
            Timeout = timeout,
        };

    /// <summary>Whether <c>GET /api/health</c> answers 200; says on standard error what it answered otherwise.</summary>
    public static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        using var health = await http.GetAsync("api/health");
        if (!health.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"GET /api/health answered {(int)health.StatusCode}: is the app running at {http.BaseAddress}?");
        }

        return health.IsSuccessStatusCode;
    }
}
