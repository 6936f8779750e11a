namespace AccountAccess.Functions.Orchestrations.PasswordRotations;

/// <summary>
/// The password a rotation orchestration follows: its input, and the event that tells a running instance a newer
/// password replaces it. Ids and times only: no hash goes into the task hub.
/// </summary>
public sealed record PasswordSet(string UserId, DateTimeOffset ChangedAt)
{
    public const string EventName = "PasswordChanged";
}
