using System.Text.Json;
using AccountAccess.Core.Errors;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// A workflow instance — an orchestration of the task hub — as operators see it: its status, what it waits for and
/// until when while it runs (<c>step</c>, <c>dueAt</c>, from its custom status), its outcome or error, its input
/// (<c>state</c>) and custom status, when it was created and last updated.
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
    /// <summary>An orchestration of the task hub, named <paramref name="workflow"/>, about <paramref name="instanceId"/>.</summary>
    public static WorkflowResponse From(string workflow, string instanceId, OrchestrationMetadata orchestration)
    {
        var custom = Parse(orchestration.SerializedCustomStatus);
        var waiting = custom is { ValueKind: JsonValueKind.Object } && orchestration.RuntimeStatus
            is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
        return new WorkflowResponse(
            workflow,
            instanceId,
            orchestration.RuntimeStatus.ToSnakeCase(),
            waiting && custom!.Value.TryGetProperty("step", out var step) ? step.GetString() : null,
            waiting && custom!.Value.TryGetProperty("dueAt", out var dueAt) && dueAt.TryGetDateTimeOffset(out var due) ? due : null,
            // A failed orchestration's output is the failure's text, not JSON: its failure details say what happened.
            orchestration.RuntimeStatus == OrchestrationRuntimeStatus.Completed && Parse(orchestration.SerializedOutput) is { ValueKind: JsonValueKind.String } output
                ? output.GetString()
                : null,
            orchestration.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}" : null,
            Parse(orchestration.SerializedInput),
            custom,
            orchestration.CreatedAt,
            orchestration.LastUpdatedAt);
    }

    private static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json).RootElement;
}

public sealed record WorkflowListResponse(IReadOnlyList<WorkflowResponse> Instances);
