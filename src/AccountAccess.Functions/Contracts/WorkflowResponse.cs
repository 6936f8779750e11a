using System.Text.Json;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Functions.Contracts;

/// <summary>A workflow instance as operators see it.</summary>
public sealed record WorkflowResponse(
    string Workflow,
    string InstanceId,
    WorkflowStatus Status,
    string Step,
    DateTimeOffset? DueAt,
    string? Outcome,
    string? Error,
    JsonElement State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WorkflowResponse From(WorkflowInstance i) =>
        new(i.Workflow, i.InstanceId, i.Status, i.Step, i.DueAt, i.Outcome, i.Error, JsonDocument.Parse(i.State).RootElement, i.CreatedAt, i.UpdatedAt);
}

public sealed record WorkflowListResponse(IReadOnlyList<WorkflowResponse> Instances);
