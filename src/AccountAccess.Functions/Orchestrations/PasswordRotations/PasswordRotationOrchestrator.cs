using AccountAccess.Core.Passwords.Rotation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AccountAccess.Functions.Orchestrations.PasswordRotations;

/// <summary>
/// Rotates a user's password (one instance per user, <c>password-rotation:{userId}</c>): plans the cycle of the current
/// password, waits for the reminder and sends it, waits for the expiry and marks the password expired. A password
/// change (an event) restarts the cycle at once with <c>ContinueAsNew</c>, so the history stays one password long; a
/// change whose event was missed is found by the next activity, which re-plans, and is followed the same way. The
/// waits are durable timers of up to 90 days: the worker splits any timer longer than its
/// <c>MaximumTimerInterval</c> (3 days) into shorter ones, as the Azure Storage backend's timers are queue messages,
/// which cannot be hidden for more than 7 days. Deterministic: time only from the context, I/O only in activities.
/// </summary>
public static class PasswordRotationOrchestrator
{
    /// <summary>The orchestration's name, as operators see it (<c>GET /api/workflows/PasswordRotation/{userId}</c>).</summary>
    public const string Name = "PasswordRotation";

    [Function(Name)]
    public static async Task<string> PasswordRotation([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var password = context.GetInput<PasswordSet>()
            ?? throw new InvalidOperationException($"{context.InstanceId} was started without its password.");
        var step = await context.CallActivityAsync<PasswordRotationStep>(nameof(PasswordRotationActivities.PlanPasswordRotation), password);
        while (step.Next is { } plan)
        {
            if (plan.ChangedAt != password.ChangedAt)
            {
                // A newer password than the one this run follows: start over with it.
                context.ContinueAsNew(new PasswordSet(password.UserId, plan.ChangedAt));
                return PasswordRotationStep.PasswordChanged;
            }

            var reminding = plan.RemindAt is not null;
            context.SetCustomStatus(new PasswordRotationStatus(
                reminding ? PasswordRotationStatus.RemindStep : PasswordRotationStatus.ExpireStep, plan.DueAt, plan.ChangedAt));
            if (await ChangedBeforeAsync(context, plan.DueAt) is { } changed)
            {
                context.ContinueAsNew(changed);
                return PasswordRotationStep.PasswordChanged;
            }

            step = await context.CallActivityAsync<PasswordRotationStep>(
                reminding ? nameof(PasswordRotationActivities.SendPasswordExpiryReminder) : nameof(PasswordRotationActivities.ExpirePassword), plan);
        }

        return step.Outcome;
    }

    /// <summary>Waits until <paramref name="dueAt"/>; the newer password if one is set first, else null.</summary>
    private static async Task<PasswordSet?> ChangedBeforeAsync(TaskOrchestrationContext context, DateTimeOffset dueAt)
    {
        using var timer = new CancellationTokenSource();
        var due = context.CreateTimer(dueAt.UtcDateTime, timer.Token);
        var changed = context.WaitForExternalEvent<PasswordSet>(PasswordSet.EventName);
        if (await Task.WhenAny(due, changed) == due)
        {
            return null;
        }

        // An orchestration does not end while a timer is pending.
        timer.Cancel();
        return await changed;
    }
}
