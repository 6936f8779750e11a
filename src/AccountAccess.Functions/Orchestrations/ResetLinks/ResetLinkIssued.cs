namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>
/// The link a reset-link orchestration follows: its input, and the event that tells a running instance a newer link
/// replaces the one it waits for. Ids and times only: no secret, and no hash of one, goes into the task hub.
/// </summary>
public sealed record ResetLinkIssued(string UserId, string LinkId, DateTimeOffset ExpiresAt)
{
    public const string EventName = "ResetLinkIssued";
}
