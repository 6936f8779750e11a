namespace AccountAccess.Core.Billing;

/// <summary>
/// The durable follow-ups of billing (orchestrations in the app): the suspension notice, once per suspension, and the
/// reactivation delay, one per organization, that restores access when it ends unless cancelled first.
/// </summary>
public interface IBillingWorkflows
{
    /// <summary>Have the billing users told of the suspension that began at <paramref name="suspendedSince"/>; a second call for the same suspension does nothing.</summary>
    Task NotifySuspensionAsync(string organizationId, DateTimeOffset suspendedSince, CancellationToken cancellationToken);

    /// <summary>When the organization's running reactivation delay ends, or null when none runs.</summary>
    Task<DateTimeOffset?> PendingReactivationAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>Restore access at <paramref name="dueAt"/>, in place of any delay already running.</summary>
    Task ScheduleReactivationAsync(string organizationId, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Drop the running delay, if any: nothing is restored when it would have ended.</summary>
    Task CancelReactivationAsync(string organizationId, CancellationToken cancellationToken);
}
