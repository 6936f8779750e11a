using AccountAccess.Functions.Hosting;
using AccountAccess.Storage;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace AccountAccess.StandaloneHost;

/// <summary>
/// Delivers the messages of each <c>[QueueTrigger]</c> function's queue with the Functions host's semantics, read from
/// host.json: up to <c>batchSize</c> at once; a message stays hidden while it is handled (<c>Triggers:LocalMessageVisibility</c>,
/// so it comes back if the process dies); deleted when the function succeeds; after a failure visible again once
/// <c>visibilityTimeout</c> has passed; moved to <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c> deliveries.
/// Messages are Base64, as the Functions queue trigger reads them.
/// </summary>
public sealed class QueueTriggers(
    FunctionCatalogue catalogue,
    FunctionInvoker invoker,
    AppSettings settings,
    HostJson hostJson,
    TriggerOptions options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<QueueTriggers> logger) : BackgroundService
{
    private static readonly QueueClientOptions ClientOptions = new() { MessageEncoding = QueueMessageEncoding.Base64, Diagnostics = { IsLoggingEnabled = false } };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalogue.All.Where(function => function.Trigger is FunctionTrigger.Queue).Select(function =>
        {
            var trigger = (FunctionTrigger.Queue)function.Trigger;
            var service = new QueueServiceClient(settings.Value(trigger.Connection ?? "AzureWebJobsStorage"), ClientOptions);
            var queueName = settings.Resolve(trigger.QueueName);
            return PollAsync(function, service.GetQueueClient(queueName), service.GetQueueClient(StorageQueues.PoisonOf(queueName)), stoppingToken);
        }));

    private async Task PollAsync(FunctionEntry function, QueueClient queue, QueueClient poison, CancellationToken stoppingToken)
    {
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(Math.Min(32, hostJson.BatchSize), options.LocalMessageVisibility, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(options.LocalPollInterval, time, stoppingToken);
                    continue;
                }

                await Parallel.ForEachAsync(
                    messages,
                    new ParallelOptions { MaxDegreeOfParallelism = hostJson.BatchSize, CancellationToken = stoppingToken },
                    (message, ct) => new ValueTask(DeliverAsync(function, queue, poison, message, ct)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "Polling the {Queue} queue failed", queue.Name);
                await Task.Delay(options.LocalPollInterval, time, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(FunctionEntry function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
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
            if (message.DequeueCount >= hostJson.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await poison.SendMessageAsync(message.MessageText, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: hostJson.VisibilityTimeout, cancellationToken: cancellationToken);
            }
        }
    }
}
