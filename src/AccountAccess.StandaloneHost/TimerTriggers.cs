using AccountAccess.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace AccountAccess.StandaloneHost;

/// <summary>
/// Fires each <c>[TimerTrigger]</c> function on its NCRONTAB schedule (the <c>%Setting%</c> resolved from configuration),
/// as the Functions host does: one run at a time per function, a failed run logged and the next one on schedule,
/// <c>RunOnStartup</c> honoured. A schedule that is not six-field NCRONTAB stops the app at start-up, naming it.
/// </summary>
public sealed class TimerTriggers(
    FunctionCatalogue catalogue,
    FunctionInvoker invoker,
    AppSettings settings,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TimerTriggers> logger) : BackgroundService
{
    /// <summary>Task.Delay refuses waits over about 49.7 days: a yearly schedule is waited for in steps.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);

    private readonly List<(FunctionEntry Function, CrontabSchedule Schedule, bool RunOnStartup)> timers = catalogue.All
        .Where(function => function.Trigger is FunctionTrigger.Timer)
        .Select(function =>
        {
            var trigger = (FunctionTrigger.Timer)function.Trigger;
            var expression = settings.Resolve(trigger.Schedule);
            var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
                ?? throw new InvalidOperationException($"The schedule of {function.Name}, '{expression}' ({trigger.Schedule}), is not a six-field NCRONTAB expression.");
            return (function, schedule, trigger.RunOnStartup);
        })
        .ToList();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(timers.Select(timer => RunOnScheduleAsync(timer.Function, timer.Schedule, timer.RunOnStartup, stoppingToken)));

    private async Task RunOnScheduleAsync(FunctionEntry function, CrontabSchedule schedule, bool runOnStartup, CancellationToken stoppingToken)
    {
        DateTime? last = null;
        if (runOnStartup)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await RunAsync(function, Status(last, now, schedule.GetNextOccurrence(now)), stoppingToken);
            last = now;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var due = schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
            try
            {
                await WaitUntilAsync(new DateTimeOffset(due, TimeSpan.Zero), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await RunAsync(function, Status(last, due, schedule.GetNextOccurrence(due)), stoppingToken);
            last = due;
        }
    }

    private async Task RunAsync(FunctionEntry function, TimerInfo timer, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await invoker.InvokeAsync(function, scope.ServiceProvider, new TriggerInput(null, timer, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception failure)
        {
            // As under the Functions host: a failed run is logged, and the next one comes on schedule.
            logger.LogError(failure, "Timer function {Function} failed", function.Name);
        }
    }

    private TimerInfo Status(DateTime? last, DateTime due, DateTime next) => new()
    {
        ScheduleStatus = new ScheduleStatus { Last = last ?? DateTime.MinValue, Next = next, LastUpdated = time.GetUtcNow().UtcDateTime },
        IsPastDue = time.GetUtcNow().UtcDateTime - due > TimeSpan.FromSeconds(30),
    };

    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        for (var left = due - time.GetUtcNow(); left > TimeSpan.Zero; left = due - time.GetUtcNow())
        {
            await Task.Delay(left < LongestWait ? left : LongestWait, time, stoppingToken);
        }
    }
}
