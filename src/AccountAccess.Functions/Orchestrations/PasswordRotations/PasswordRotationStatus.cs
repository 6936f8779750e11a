namespace AccountAccess.Functions.Orchestrations.PasswordRotations;

/// <summary>The custom status of a rotation orchestration, as operators see it: the next step, when it falls due, and which password it is about.</summary>
public sealed record PasswordRotationStatus(string Step, DateTimeOffset DueAt, DateTimeOffset PasswordChangedAt)
{
    public const string RemindStep = "remind";
    public const string ExpireStep = "expire";
}
