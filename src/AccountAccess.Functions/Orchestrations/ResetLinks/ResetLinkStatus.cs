namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>The custom status of a reset-link orchestration, as operators see it: what it waits for, and until when.</summary>
public sealed record ResetLinkStatus(string Step, DateTimeOffset DueAt, string LinkId)
{
    public const string ExpireStep = "expire";
}
