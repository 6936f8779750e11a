using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// A lock on an account: why, since when, who set it, and — for a timed lockout (<c>lockoutMinutes</c>) —
/// when it ends by itself. Without <see cref="Until"/> it lasts until someone reactivates the account.
/// </summary>
public sealed record Deactivation(DeactivationReason Reason, DateTimeOffset Since, DateTimeOffset? Until, Actor By)
{
    public bool IsInEffectAt(DateTimeOffset now) => Until is null || now < Until;
}
