namespace AccountAccess.Core.Workflows;

/// <summary>Where a workflow instance stands.</summary>
public enum WorkflowStatus
{
    /// <summary>Waiting for its due time or an event.</summary>
    Running,

    Completed,

    /// <summary>A step kept failing (five deliveries): the error is kept for operators; the timer went to the poison queue.</summary>
    Failed,
}
