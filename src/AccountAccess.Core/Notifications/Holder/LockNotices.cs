using AccountAccess.Core.Accounts;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>The notice of a lock just set, from the account as saved and the lockout policy that set it.</summary>
public static class LockNotices
{
    /// <summary>The notice for <paramref name="locked"/> if <paramref name="before"/> was not locked for that reason yet; else null.</summary>
    public static AccountLockedNotice? For(User before, User locked, LockoutPolicy policy, string? ip, DateTimeOffset now) =>
        locked.Deactivation is { } lockout && lockout != before.Deactivation && lockout.IsInEffectAt(now)
            ? new AccountLockedNotice(now, ip, lockout.Reason, lockout.Until, SecurityUnlock.Allows(locked, policy, now))
            : null;
}
