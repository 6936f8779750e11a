namespace AccountAccess.Core.Workflows;

/// <summary>What a workflow sees when it runs a step: its instance, current step, state and the time.</summary>
public sealed record WorkflowContext(string InstanceId, string Step, string State, DateTimeOffset Now);
