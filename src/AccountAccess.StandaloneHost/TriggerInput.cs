namespace AccountAccess.StandaloneHost;

/// <summary>
/// What one invocation is given: the request of an HTTP function, or the trigger's value (a <c>TimerInfo</c>, a
/// <c>QueueMessage</c>, a <c>TaskOrchestrationContext</c>, an activity's input), and the token that cancels it.
/// </summary>
public sealed record TriggerInput(HttpContext? Http, object? TriggerValue, CancellationToken CancellationToken)
{
    /// <summary>The invocation's services (set by the invoker), for bindings that come from the host: the durable client.</summary>
    public IServiceProvider Services { get; init; } = EmptyServices.Instance;

    private sealed class EmptyServices : IServiceProvider
    {
        public static EmptyServices Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }
}
