using System.Text.Json;
using AccountAccess.Core.Workflows;
using AccountAccess.Storage;
using AccountAccess.Functions.Hosting;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace AccountAccess.Functions.Triggers;

/// <summary>
/// Does locally what the Functions host does in Azure: fires each timer function on its NCRONTAB schedule, and delivers
/// the messages of each queue function's queue (retried with back-off when a delivery fails, moved to the
/// <c>-poison</c> queue after the last), through the same delegates the host's invocations reach. Off when
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is set: the host is there.
/// </summary>
public sealed class LocalTriggerRunner(
    FunctionRegistry registry,
    IServiceScopeFactory scopes,
    StorageQueues queues,
    TriggerOptions options,
    WorkflowSettings workflowSettings,
    TimeProvider time,
    ILogger<LocalTriggerRunner> logger) : BackgroundService
{
    /// <summary>Messages of one queue handled at once.</summary>
    private const int Parallelism = 16;

    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(registry.Triggered.Select(function => function.Trigger switch
        {
            FunctionTrigger.Timer timer => RunOnScheduleAsync(function, timer.Schedule, stoppingToken),
            FunctionTrigger.Queue queue => PollAsync(function, queue.QueueName, stoppingToken),
            _ => Task.CompletedTask,
        }));

    private async Task RunOnScheduleAsync(TriggeredFunction function, string expression, CancellationToken stoppingToken)
    {
        var schedule = FunctionRegistry.ParseSchedule(function.Name, expression);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await WaitUntilAsync(next, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await function.RunAsync(scope.ServiceProvider, TriggerInvocation.Timer(next), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // As in Azure: a failed tick is logged and the next one comes on schedule.
                logger.LogError(failure, "Timer function {Function} failed", function.Name);
            }
        }
    }

    /// <summary>
    /// Task.Delay refuses waits over about 49.7 days (uint.MaxValue ms): a yearly schedule would throw at every tick and
    /// spin. Longer waits are taken in steps.
    /// </summary>
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        for (var left = due - time.GetUtcNow(); left > TimeSpan.Zero; left = due - time.GetUtcNow())
        {
            await Task.Delay(left < LongestWait ? left : LongestWait, time, stoppingToken);
        }
    }

    private async Task PollAsync(TriggeredFunction function, string queueName, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queue = await queues.GetAsync(queueName, stoppingToken);
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(32, options.LocalMessageVisibility, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(options.LocalPollInterval, time, stoppingToken);
                    continue;
                }

                await Parallel.ForEachAsync(
                    messages,
                    new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    (message, ct) => new ValueTask(DeliverAsync(function, queue, message, ct)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "Polling the {Queue} queue failed", queueName);
                await Task.Delay(options.LocalPollInterval, time, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(TriggeredFunction function, QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var invocation = new TriggerInvocation(
            JsonSerializer.SerializeToElement(new { message = message.MessageText }),
            JsonSerializer.SerializeToElement(new { DequeueCount = (int)message.DequeueCount, Id = message.MessageId }));
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await function.RunAsync(scope.ServiceProvider, invocation, cancellationToken);
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
