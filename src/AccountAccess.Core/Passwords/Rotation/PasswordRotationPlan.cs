namespace AccountAccess.Core.Passwords.Rotation;

/// <summary>
/// What rotation waits for with one password (the one set at <see cref="ChangedAt"/>): the reminder at
/// <see cref="RemindAt"/> (none when there is no lead, or its time has passed), then the expiry at <see cref="ExpiresAt"/>.
/// Ids and times only, as it goes into the task hub.
/// </summary>
public sealed record PasswordRotationPlan(string UserId, DateTimeOffset ChangedAt, DateTimeOffset? RemindAt, DateTimeOffset ExpiresAt)
{
    /// <summary>When the next step falls due.</summary>
    public DateTimeOffset DueAt => RemindAt ?? ExpiresAt;

    /// <summary>The same plan once the reminder is behind it.</summary>
    public PasswordRotationPlan Reminded() => this with { RemindAt = null };
}
