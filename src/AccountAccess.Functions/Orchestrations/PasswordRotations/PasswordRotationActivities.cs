using AccountAccess.Core.Passwords.Rotation;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Orchestrations.PasswordRotations;

/// <summary>
/// The rotation orchestration's activities, each one step of Core's <see cref="PasswordRotation"/>: plan the current
/// password's cycle, send the reminder, expire the password. Each re-reads the user and says what to wait for next.
/// </summary>
public sealed class PasswordRotationActivities(PasswordRotation rotation)
{
    [Function(nameof(PlanPasswordRotation))]
    public Task<PasswordRotationStep> PlanPasswordRotation([ActivityTrigger] PasswordSet password, CancellationToken cancellationToken) =>
        rotation.PlanAsync(password.UserId, cancellationToken);

    [Function(nameof(SendPasswordExpiryReminder))]
    public Task<PasswordRotationStep> SendPasswordExpiryReminder([ActivityTrigger] PasswordRotationPlan plan, CancellationToken cancellationToken) =>
        rotation.RemindAsync(plan, cancellationToken);

    [Function(nameof(ExpirePassword))]
    public Task<PasswordRotationStep> ExpirePassword([ActivityTrigger] PasswordRotationPlan plan, CancellationToken cancellationToken) =>
        rotation.ExpireAsync(plan, cancellationToken);
}
