namespace AccountAccess.Functions.StandaloneHost;

/// <summary>
/// What one invocation is given: the request of an HTTP function, or the trigger's value (a <c>TimerInfo</c>, a
/// <c>QueueMessage</c>), and the token that cancels it.
/// </summary>
public sealed record TriggerInput(HttpContext? Http, object? TriggerValue, CancellationToken CancellationToken);
