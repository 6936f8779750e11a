using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// "Deactivated for security reasons: change your password to reactivate it." Where every organization of the person
/// allows it (<c>unlockByPasswordReset</c>), a new password set through an emailed reset link or a change token lifts
/// a lock for too many attempts or suspicious activity — never a manual deactivation, a merge or a billing suspension
/// (an organization's, not the account's). The new password proves the holder: the link came to their email, the
/// change token from their correct password.
/// </summary>
public static class SecurityUnlock
{
    public static bool Allows(User user, LockoutPolicy policy, DateTimeOffset now) =>
        policy.UnlockByPasswordReset
        && user.Deactivation is { Reason: DeactivationReason.TooManyAttempts or DeactivationReason.SuspiciousActivity } lockout
        && lockout.IsInEffectAt(now);

    /// <summary>
    /// <paramref name="updated"/> (the user with the new password) reactivated, with its audit event, when
    /// <paramref name="before"/>'s lock allows it; otherwise <paramref name="updated"/> and no event.
    /// </summary>
    public static (User User, AuditEvent? Event) Apply(User before, User updated, LockoutPolicy policy, RequestContext context, DateTimeOffset now)
    {
        if (!Allows(before, policy, now))
        {
            return (updated, null);
        }

        // Wrong second-factor codes from before are forgiven too, as an administrator's reactivation forgives them.
        var reactivated = updated with { Deactivation = null, FailedAttempts = FailedAttempts.None, SecondFactorFailures = [] };
        return (reactivated, AuditEvent.Create(AuditAction.ReactivatedByPasswordReset, context, now, before.Deactivation!.Reason.ToSnakeCase()));
    }
}
