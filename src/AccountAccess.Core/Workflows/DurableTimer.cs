namespace AccountAccess.Core.Workflows;

/// <summary>
/// A wake-up call for a workflow step: a queue message made visible at <see cref="DueAt"/> (or up to the queue's
/// seven-day limit, after which it is sent again). It is honoured only if <see cref="StepId"/> is still the instance's.
/// </summary>
public sealed record DurableTimer(string Workflow, string InstanceId, string StepId, DateTimeOffset DueAt);
