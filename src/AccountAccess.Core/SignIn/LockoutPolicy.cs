using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// How many wrong passwords lock an account, and for how long. A person in several organizations gets the strictest
/// of their policies: the fewest attempts and, if any organization wants it, a lock only an administrator lifts.
/// </summary>
public sealed record LockoutPolicy(int MaxFailedAttempts, TimeSpan? LockoutDuration)
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
        return new LockoutPolicy(maxFailedAttempts, duration);
    }
}
