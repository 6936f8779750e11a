using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Passwords.Rotation;

/// <summary>
/// Follows the rotation of a user's password (a durable orchestration in the app, one per user): the reminder, then the
/// expiry. Only the current password counts: tracking a newer one restarts the cycle.
/// </summary>
public interface IPasswordRotationTracker
{
    /// <summary>The user's password was set (provisioned, changed, reset) at <paramref name="changedAt"/>: follow it instead of any earlier one.</summary>
    Task TrackAsync(string userId, DateTimeOffset changedAt, CancellationToken cancellationToken);

    /// <summary>The user is being erased: stop its rotation and forget it.</summary>
    Task StopAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Follows the user's current password, if they have one.</summary>
    Task TrackAsync(User user, CancellationToken cancellationToken) =>
        user.Password is { } password ? TrackAsync(user.Id, password.ChangedAt, cancellationToken) : Task.CompletedTask;
}
