using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// The password rules that apply to one person: the strictest of the policies of their organizations (the longest
/// minimum, the longest history, the shortest lifetime), with the service's test overrides applied.
/// </summary>
public sealed record PasswordPolicy(int MinLength, int History, TimeSpan? MaxAge, TimeSpan ReminderLead)
{
    public static PasswordPolicy For(IReadOnlyList<Organization> organizations, PasswordSettings settings)
    {
        var policies = organizations.Count > 0 ? organizations.Select(o => o.Policy).ToList() : [OrganizationPolicy.Default];
        var rotating = policies.Where(p => p.PasswordMaxAgeDays > 0).ToList();
        TimeSpan? maxAge = rotating.Count == 0 ? null : settings.MaxAgeOverride ?? TimeSpan.FromDays(rotating.Min(p => p.PasswordMaxAgeDays));
        var lead = settings.ReminderLeadOverride ?? TimeSpan.FromDays(policies.Max(p => p.PasswordExpiryReminderDays));
        return new PasswordPolicy(policies.Max(p => p.MinPasswordLength), policies.Max(p => p.PasswordHistory), maxAge, lead);
    }
}
