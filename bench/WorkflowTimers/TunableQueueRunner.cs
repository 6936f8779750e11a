using AccountAccess.Core.Workflows;
using AccountAccess.Functions.Functions;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.StandaloneHost;
using AccountAccess.Storage;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowTimers;

/// <summary>Shape of the bench-only experiment runner (<c>--runner tunable</c>).</summary>
internal sealed record TunableSettings(int Pollers, int Batch, int Parallelism, TimeSpan PollInterval);

/// <summary>
/// Bench-only experiment: the standalone host's <c>QueueTriggers</c> for the WorkflowTimer function (same receive, same
/// delivery through the same <c>FunctionInvoker</c>, same delete, back-off and poison handling) with what the real runner
/// fixes made settable: how many pollers receive concurrently (the real runner: 1), how many messages one receive takes
/// and how many deliveries of one batch run at once (host.json's batchSize, 16). Each poller still waits for its whole batch before receiving again, as
/// the real runner does; several pollers overlap those waits. Used only to show whether the fixed figures limit
/// throughput; the real runner is the default.
/// </summary>
internal sealed class TunableQueueRunner(
    FunctionCatalogue catalogue,
    FunctionInvoker invoker,
    IServiceScopeFactory scopes,
    StorageQueues queues,
    WorkflowSettings workflowSettings,
    TunableSettings settings,
    TimeProvider time,
    ILogger<TunableQueueRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Pollers).Select(_ => PollAsync(catalogue.Find(nameof(WorkflowFunctions.WorkflowTimer))!, StorageQueues.WorkflowTimers, stoppingToken)));

    private async Task PollAsync(FunctionEntry function, string queueName, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queue = await queues.GetAsync(queueName, stoppingToken);
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.Batch, Visibility, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(settings.PollInterval, time, stoppingToken);
                    continue;
                }

                await Parallel.ForEachAsync(
                    messages,
                    new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = stoppingToken },
                    (message, ct) => new ValueTask(DeliverAsync(function, queue, message, ct)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "Polling the {Queue} queue failed", queueName);
                await Task.Delay(settings.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(FunctionEntry function, QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await invoker.InvokeAsync(function, scope.ServiceProvider, new TriggerInput(null, message, cancellationToken));
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(failure, "{Function} failed on delivery {Count} of message {Id}", function.Name, message.DequeueCount, message.MessageId);
            if (message.DequeueCount >= workflowSettings.MaxDeliveries)
            {
                var poison = await queues.GetAsync(StorageQueues.PoisonOf(queue.Name), cancellationToken);
                await poison.SendMessageAsync(message.MessageText, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else
            {
                var backOff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, message.DequeueCount)));
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: backOff, cancellationToken: cancellationToken);
            }
        }
    }
}
