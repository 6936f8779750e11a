using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// How many wrong passwords lock an account, for how long, whether a new password set through an emailed link or
/// a change token lifts a security lock, and whether the person's trusted devices sign in through a lock for too many
/// attempts. A person in several organizations gets the strictest of their policies: the fewest attempts, a lock only an
/// administrator lifts if any organization wants it, and unlocking by password reset or trusted devices getting through
/// only if every organization allows it.
/// </summary>
public sealed record LockoutPolicy(int MaxFailedAttempts, TimeSpan? LockoutDuration, bool UnlockByPasswordReset = false, bool TrustedDevicesBypassLockout = true)
{
    public static LockoutPolicy For(IReadOnlyList<Organization> organizations, TimeSpan? durationOverride = null)
    {
        var policies = organizations.Count > 0
            ? organizations.Select(o => o.Policy).ToList()
            : [OrganizationPolicy.Default];

        var maxFailedAttempts = policies.Min(p => p.MaxFailedAttempts);
        TimeSpan? duration = policies.Any(p => p.LockoutMinutes is null)
            ? null
            : durationOverride ?? TimeSpan.FromMinutes(policies.Max(p => p.LockoutMinutes!.Value));
        return new LockoutPolicy(maxFailedAttempts, duration, policies.All(p => p.UnlockByPasswordReset), policies.All(p => p.TrustedDevicesBypassLockout));
    }
}
