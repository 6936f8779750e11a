using System.Text.Json;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Workflows;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// A workflow instance as operators see it: its status, what it waits for and until when (<c>step</c>, <c>dueAt</c>),
/// its outcome or error, its input (<c>state</c>) and custom status. Durable orchestrations and the instances of the
/// older workflow runtime (still running the workflows not yet moved) answer in this one shape.
/// </summary>
public sealed record WorkflowResponse(
    string Workflow,
    string InstanceId,
    string Status,
    string? Step,
    DateTimeOffset? DueAt,
    string? Outcome,
    string? Error,
    JsonElement? State,
    JsonElement? CustomStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WorkflowResponse From(WorkflowInstance i) =>
        new(i.Workflow, i.InstanceId, i.Status.ToSnakeCase(), i.Step, i.DueAt, i.Outcome, i.Error, JsonDocument.Parse(i.State).RootElement, null, i.CreatedAt, i.UpdatedAt);

    /// <summary>An orchestration of the task hub, named <paramref name="workflow"/>, about <paramref name="instanceId"/>.</summary>
    public static WorkflowResponse From(string workflow, string instanceId, OrchestrationMetadata orchestration)
    {
        var custom = Parse(orchestration.SerializedCustomStatus);
        return new WorkflowResponse(
            workflow,
            instanceId,
            orchestration.RuntimeStatus.ToSnakeCase(),
            custom is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("step", out var step) ? step.GetString() : null,
            custom is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("dueAt", out var dueAt) && dueAt.TryGetDateTimeOffset(out var due) ? due : null,
            Parse(orchestration.SerializedOutput) is { ValueKind: JsonValueKind.String } output ? output.GetString() : null,
            orchestration.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}" : null,
            Parse(orchestration.SerializedInput),
            custom,
            orchestration.CreatedAt,
            orchestration.LastUpdatedAt);
    }

    private static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json).RootElement;
}

public sealed record WorkflowListResponse(IReadOnlyList<WorkflowResponse> Instances);
