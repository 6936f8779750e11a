using AccountAccess.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAccess.Functions.Tests.Orchestrations;

/// <summary>
/// Starts the in-memory Durable Task test host on a free port (its default port is fixed, and test classes run in
/// parallel), and runs an orchestration on it to its end.
/// </summary>
public static class DurableTestHosts
{
    /// <summary>Starts <paramref name="orchestrator"/> as <paramref name="instanceId"/>, runs <paramref name="meanwhile"/> once it has started, and waits for its end (30 s at most).</summary>
    public static async Task<OrchestrationMetadata> RunAsync(
        this DurableTaskClient client, string orchestrator, string instanceId, object input, Func<DurableTaskClient, string, Task>? meanwhile = null)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        await client.WaitForInstanceStartAsync(instanceId);
        if (meanwhile is not null)
        {
            await meanwhile(client, instanceId);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <param name="maximumTimerInterval">The worker's longest single timer (3 days unless set), shortened to see long timers split.</param>
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, TimeSpan? maximumTimerInterval = null) =>
        DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions
        {
            Port = FreePorts.Next(),
            ConfigureServices = services =>
            {
                if (maximumTimerInterval is { } interval)
                {
                    services.Configure<DurableTaskWorkerOptions>(options => options.MaximumTimerInterval = interval);
                }
            },
        });
}
