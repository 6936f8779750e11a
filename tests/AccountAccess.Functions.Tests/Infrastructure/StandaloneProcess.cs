using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// The app started as its own process without waiting for it to be healthy (<see cref="RunningApp"/> waits), for tests
/// about an app whose storage is unreachable.
/// </summary>
public sealed partial class StandaloneProcess : IDisposable
{
    private readonly ChildProcess process;

    private StandaloneProcess(ChildProcess process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output => process.Output;

    public static async Task<StandaloneProcess> StartAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        var environment = new Dictionary<string, string?>(RunningApp.DefaultSettings);
        foreach (var (key, value) in overrides)
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start("dotnet", [RepositoryPaths.StandaloneHost, "--urls", "http://127.0.0.1:0"], environment);
        var listening = await process.WaitForLineAsync(ListeningLine(), TimeSpan.FromSeconds(60));
        return new StandaloneProcess(process, new Uri(listening.Groups[1].Value));
    }

    /// <summary>A loopback port nothing listens on (bound, then released at once).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose() => process.Dispose();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
