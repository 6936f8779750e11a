namespace AccountAccess.Functions.Triggers;

/// <summary>
/// Does locally what the Functions host does in Azure: fires each timer function on its NCRONTAB schedule through the
/// same delegate the host's invocations reach. Off when <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is set (the host is there).
/// </summary>
public sealed class LocalTriggerRunner(
    FunctionRegistry registry,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<LocalTriggerRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(registry.Triggered
            .Where(f => f.Trigger is FunctionTrigger.Timer)
            .Select(f => RunOnScheduleAsync(f, ((FunctionTrigger.Timer)f.Trigger).Schedule, stoppingToken)));

    private async Task RunOnScheduleAsync(TriggeredFunction function, string expression, CancellationToken stoppingToken)
    {
        var schedule = FunctionRegistry.ParseSchedule(function.Name, expression);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
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
}
