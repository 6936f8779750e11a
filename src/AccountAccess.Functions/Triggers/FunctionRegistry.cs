using NCrontab;

namespace AccountAccess.Functions.Triggers;

/// <summary>
/// The timer and queue functions of the app, registered once in code. HTTP functions are the endpoints marked with
/// <see cref="HttpFunction"/>; together they are the single source of the Azure Functions layout (<c>emit-functions</c>).
/// </summary>
public sealed class FunctionRegistry
{
    private readonly List<TriggeredFunction> functions = [];

    public IReadOnlyList<TriggeredFunction> Triggered => functions;

    public FunctionRegistry AddTimer(string name, string schedule, Func<IServiceProvider, CancellationToken, Task> runAsync)
    {
        // Refuse a bad schedule at start-up, naming it, rather than at the first tick.
        ParseSchedule(name, schedule);
        functions.Add(new TriggeredFunction(name, new FunctionTrigger.Timer(schedule), (services, _, ct) => runAsync(services, ct)));
        return this;
    }

    public FunctionRegistry AddQueue(string name, string queueName, Func<IServiceProvider, TriggerInvocation, CancellationToken, Task> runAsync)
    {
        functions.Add(new TriggeredFunction(name, new FunctionTrigger.Queue(queueName), runAsync));
        return this;
    }

    public static CrontabSchedule ParseSchedule(string name, string schedule) =>
        CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
        ?? throw new InvalidOperationException($"The schedule of {name}, '{schedule}', is not a six-field NCRONTAB expression.");
}
