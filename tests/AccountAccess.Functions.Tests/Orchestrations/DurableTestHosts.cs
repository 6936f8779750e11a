using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAccess.Functions.Tests.Orchestrations;

/// <summary>Starts the in-memory Durable Task test host on a free port (its default port is fixed, and test classes run in parallel).</summary>
public static class DurableTestHosts
{
    /// <param name="maximumTimerInterval">The worker's longest single timer (3 days unless set), shortened to see long timers split.</param>
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, TimeSpan? maximumTimerInterval = null) =>
        DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions
        {
            Port = FreePort(),
            ConfigureServices = services =>
            {
                if (maximumTimerInterval is { } interval)
                {
                    services.Configure<DurableTaskWorkerOptions>(options => options.MaximumTimerInterval = interval);
                }
            },
        });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
