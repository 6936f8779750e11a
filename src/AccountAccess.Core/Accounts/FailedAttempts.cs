namespace AccountAccess.Core.Accounts;

/// <summary>
/// Consecutive wrong passwords since the last correct one, with the time and source IP of the last,
/// so support can tell an attack from a forgetful user.
/// </summary>
public sealed record FailedAttempts(int Count, DateTimeOffset? LastAt, string? LastIp)
{
    public static FailedAttempts None { get; } = new(0, null, null);
}
