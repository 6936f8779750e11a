using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// Deactivation after too many wrong passwords ("account deactivated after N attempts"). Pure: each method
/// returns the changed user and the audit events to save with it.
/// </summary>
public static class Lockout
{
    /// <summary>
    /// Counts a wrong password. Reaching the policy's <see cref="LockoutPolicy.MaxFailedAttempts"/> deactivates the
    /// account with <see cref="DeactivationReason.TooManyAttempts"/>, for the policy's duration if it has one.
    /// </summary>
    public static (User User, IReadOnlyList<AuditEvent> Events) RegisterFailure(
        User user, LockoutPolicy policy, RequestContext context, DateTimeOffset now)
    {
        var events = new List<AuditEvent>();
        var (current, count) = (user, FailuresCountingAt(user, now));
        if (current.Deactivation is { } ended && !ended.IsInEffectAt(now))
        {
            events.Add(LockExpired(ended, now));
            current = current with { Deactivation = null };
        }

        count++;
        current = current with { FailedAttempts = new FailedAttempts(count, now, context.Ip) };
        events.Add(AuditEvent.Create(AuditAction.SignInFailed, context, now, "wrong_password",
            new Dictionary<string, string> { ["failedAttempts"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        if (current.Deactivation is null && count >= policy.MaxFailedAttempts)
        {
            var until = policy.LockoutDuration is { } duration ? now + duration : (DateTimeOffset?)null;
            current = current.WithNewSecurityStamp() with
            {
                Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, now, until, Actor.System),
            };
            var details = until is null ? null : new Dictionary<string, string> { ["until"] = until.Value.ToString("O") };
            events.Add(AuditEvent.Create(AuditAction.Deactivated, context, now, "too_many_attempts", details));
        }

        return (current, events);
    }

    /// <summary>
    /// Whether the account is locked for too many wrong passwords at <paramref name="now"/>: then sign-in checks no password
    /// and answers every one like a wrong one (API.md: no oracle while locked), so guessing through the lock learns nothing.
    /// </summary>
    public static bool StopsGuessing(User user, DateTimeOffset now) =>
        user.Deactivation is { Reason: DeactivationReason.TooManyAttempts } lockout && lockout.IsInEffectAt(now);

    /// <summary>
    /// The wrong passwords that count towards the next lock at <paramref name="now"/>: none once a timed lock has run out
    /// (the count starts again, whether or not the sweep has closed that lock yet).
    /// </summary>
    public static int FailuresCountingAt(User user, DateTimeOffset now) =>
        user.Deactivation is { } ended && !ended.IsInEffectAt(now) ? 0 : user.FailedAttempts.Count;

    /// <summary>
    /// A proven password resets the failed-attempt count and closes a timed lock that has run out. Returns no
    /// events (and needs no save) when there is nothing to reset.
    /// </summary>
    public static (User User, IReadOnlyList<AuditEvent> Events) RegisterSuccess(User user, RequestContext context, DateTimeOffset now)
    {
        var events = new List<AuditEvent>();
        var current = user;
        if (current.Deactivation is { } ended && !ended.IsInEffectAt(now))
        {
            events.Add(LockExpired(ended, now));
            current = current with { Deactivation = null };
        }

        if (current.FailedAttempts.Count > 0)
        {
            events.Add(AuditEvent.Create(AuditAction.FailedAttemptsReset, context, now, "correct_password"));
            current = current with { FailedAttempts = FailedAttempts.None };
        }

        return (current, events);
    }

    /// <summary>Clears a timed lock that has run out (the sweep's work); no change when the lock is still on or absent.</summary>
    public static (User User, IReadOnlyList<AuditEvent> Events) ExpireTimedLock(User user, DateTimeOffset now)
    {
        if (user.Deactivation is not { Until: not null } ended || ended.IsInEffectAt(now))
        {
            return (user, []);
        }

        var cleared = user with { Deactivation = null, FailedAttempts = FailedAttempts.None };
        return (cleared, [LockExpired(ended, now)]);
    }

    private static AuditEvent LockExpired(Deactivation ended, DateTimeOffset now) =>
        AuditEvent.Create(AuditAction.LockExpired, RequestContext.System, now, ended.Reason.ToSnakeCase(),
            new Dictionary<string, string> { ["until"] = ended.Until!.Value.ToString("O") });
}
