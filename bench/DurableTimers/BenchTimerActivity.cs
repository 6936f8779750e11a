using Microsoft.Azure.Functions.Worker;

namespace DurableTimers;

/// <summary>
/// The bench orchestration's one activity: counts its runs per instance, as an idempotent activity would notice a
/// redelivery (the engine delivers at least once), so a run beyond the first is a duplicate the bench reports.
/// </summary>
public sealed class BenchTimerActivity(BenchTimerProgress progress)
{
    [Function(nameof(CountRun))]
    public string CountRun([ActivityTrigger] string instanceId)
    {
        progress.ActivityRan(instanceId);
        return "ran";
    }
}
