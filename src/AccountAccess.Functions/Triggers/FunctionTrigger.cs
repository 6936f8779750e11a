namespace AccountAccess.Functions.Triggers;

/// <summary>What starts a non-HTTP function.</summary>
public abstract record FunctionTrigger
{
    /// <summary>A schedule: NCRONTAB with six fields (seconds first), as Azure Functions timer triggers take it.</summary>
    public sealed record Timer(string Schedule) : FunctionTrigger;

    /// <summary>A message on an Azure Storage queue.</summary>
    public sealed record Queue(string QueueName) : FunctionTrigger;
}
