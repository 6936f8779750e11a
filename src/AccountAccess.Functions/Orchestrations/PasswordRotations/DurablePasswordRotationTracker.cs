using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Functions.Durable;

namespace AccountAccess.Functions.Orchestrations.PasswordRotations;

/// <summary>
/// Core's <see cref="IPasswordRotationTracker"/> as the starter of the rotation orchestration: a password set starts
/// the user's instance, or — when it runs — is raised to it as <c>PasswordChanged</c>. Through the invocation's <c>[DurableClient]</c> (<see cref="BoundDurableClient"/>).
/// </summary>
public sealed class DurablePasswordRotationTracker(BoundDurableClient durable) : IPasswordRotationTracker
{
    public const string InstancePrefix = "password-rotation:";

    public static string InstanceIdFor(string userId) => InstancePrefix + userId;

    public Task TrackAsync(string userId, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        durable.Client.StartOrRaiseAsync(PasswordRotationOrchestrator.Name, InstanceIdFor(userId), new PasswordSet(userId, changedAt),
            PasswordSet.EventName, cancellationToken);

    public Task StopAsync(string userId, CancellationToken cancellationToken) =>
        durable.Client.StopAndForgetAsync(InstanceIdFor(userId), "user_deleted", cancellationToken);
}
