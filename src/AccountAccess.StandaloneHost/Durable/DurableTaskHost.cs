using AccountAccess.Functions.Hosting;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>
/// Runs the app's <c>[OrchestrationTrigger]</c> and <c>[ActivityTrigger]</c> functions, as the Functions host's Durable
/// extension would, on the Durable Task Framework's <see cref="TaskHubWorker"/> over the task hub's Azure Storage
/// provider (the backend Durable Functions uses, with the same storage layout). Each function becomes a Durable Task
/// orchestrator or activity through the <c>Microsoft.DurableTask.Worker</c> shims, so it sees the standard
/// <c>TaskOrchestrationContext</c>; a new shim per execution. It starts once the hub is there: while storage cannot be
/// reached the app starts all the same (and answers 503), and the engine starts when storage returns.
/// </summary>
public sealed class DurableTaskHost(
    TaskHub hub,
    FunctionCatalogue catalogue,
    FunctionInvoker invoker,
    IServiceProvider services,
    ILoggerFactory logs) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly ILogger logger = logs.CreateLogger<DurableTaskHost>();
    private TaskHubWorker? worker;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = DurableJson.Converter }, logs);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var orchestrators = catalogue.All.Where(f => f.Trigger is FunctionTrigger.Orchestration).ToDictionary(
            f => f.Name,
            f => (Func<TaskOrchestration>)(() => shims.CreateOrchestration(new TaskName(f.Name), new FunctionOrchestrator(f, invoker, services))),
            StringComparer.Ordinal);
        var activities = catalogue.All.Where(f => f.Trigger is FunctionTrigger.Activity).ToDictionary(
            f => f.Name,
            f => (Func<TaskActivity>)(() => shims.CreateActivity(new TaskName(f.Name), new FunctionActivity(f, invoker, scopes))),
            StringComparer.Ordinal);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await hub.EnsureCreatedAsync();
                break;
            }
            catch (Exception unreachable) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever stops the hub being created (mostly storage out of reach) is retried: the engine must not stop the app.
                logger.LogWarning(unreachable, "The task hub {Hub} cannot be created yet; the durable engine starts when it can", hub.Name);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }

        worker = new TaskHubWorker(hub.Service, new FunctionTasks<TaskOrchestration>(orchestrators), new FunctionTasks<TaskActivity>(activities), logs)
        {
            // As Durable Functions runs it: failures carry their type, message and stack (TaskFailureDetails) to the
            // orchestrator that awaited them (retry policies, TaskFailedException) and to the instance's status.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        await worker.StartAsync();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (worker is null)
        {
            return;
        }

        try
        {
            // Work in flight is abandoned, not finished: its messages come back (that is what the engine is for).
            // The engine's own stop ignores the host's deadline, and with storage gone it retries its partition table
            // for ever: bound it by the host's shutdown timeout, so the process still ends.
            await worker.StopAsync(isForced: true).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The durable engine did not stop within the host's shutdown timeout (storage out of reach?); the app stops without it, and its leases and messages expire and come back");
        }
    }
}
