using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// The password rules that apply to one person: the strictest of the policies of their organizations (the longest
/// minimum, the longest history, the shortest lifetime), with the service's test overrides applied.
/// </summary>
public sealed record PasswordPolicy(int MinLength, int History, TimeSpan? MaxAge, TimeSpan ReminderLead)
{
    /// <param name="secondFactorEnrolled">
    /// Whether the person signs in with a second factor: PCI DSS 8.3.9 waives periodic rotation then, so organizations on
    /// the <see cref="PolicyPreset.PciDss4"/> preset do not rotate such a person's password.
    /// </param>
    public static PasswordPolicy For(IReadOnlyList<Organization> organizations, PasswordSettings settings, bool secondFactorEnrolled = false)
    {
        var policies = organizations.Count > 0 ? organizations.Select(o => o.Policy).ToList() : [OrganizationPolicy.Default];
        var rotating = policies.Where(p => p.PasswordMaxAgeDays > 0 && !(secondFactorEnrolled && p.Preset == PolicyPreset.PciDss4)).ToList();
        TimeSpan? maxAge = rotating.Count == 0 ? null : settings.MaxAgeOverride ?? TimeSpan.FromDays(rotating.Min(p => p.PasswordMaxAgeDays));
        var lead = settings.ReminderLeadOverride ?? TimeSpan.FromDays(policies.Max(p => p.PasswordExpiryReminderDays));
        return new PasswordPolicy(policies.Max(p => p.MinPasswordLength), policies.Max(p => p.PasswordHistory), maxAge, lead);
    }
}
