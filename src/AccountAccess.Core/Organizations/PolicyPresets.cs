using System.Globalization;

namespace AccountAccess.Core.Organizations;

/// <summary>
/// The values of each <see cref="PolicyPreset"/>, and which overrides break the preset's rules. An organization's policy
/// is its preset's values with its own overrides on top; the overrides are allowed, but reported.
/// </summary>
public static class PolicyPresets
{
    public static OrganizationPolicy ValuesOf(PolicyPreset? preset) => preset switch
    {
        PolicyPreset.PciDss4 => new OrganizationPolicy
        {
            Preset = preset,
            MaxFailedAttempts = 10,
            LockoutMinutes = 30,
            PasswordMaxAgeDays = 90,
            PasswordExpiryReminderDays = 7,
            MinPasswordLength = 12,
            PasswordHistory = 4,
            // PCI DSS 8.3.4: the user ID is locked out, whichever device asks.
            TrustedDevicesBypassLockout = false,
        },
        PolicyPreset.Nist80063B => new OrganizationPolicy
        {
            Preset = preset,
            MaxFailedAttempts = 10,
            LockoutMinutes = 15,
            PasswordMaxAgeDays = 0,
            PasswordExpiryReminderDays = 0,
            MinPasswordLength = 8,
            PasswordHistory = 0,
            // SP 800-63B 5.2.2 wants lockouts that cannot be used to keep a person out: a new password through the
            // emailed link (the recovery the person controls) ends one.
            UnlockByPasswordReset = true,
        },
        _ => OrganizationPolicy.Default,
    };

    /// <summary>The rules of the policy's preset that its values break; empty without a preset.</summary>
    public static IReadOnlyList<PresetDeviation> Deviations(OrganizationPolicy policy)
    {
        var deviations = new List<PresetDeviation>();
        var preset = ValuesOf(policy.Preset);
        void Check(bool breaks, string field, object? presetValue, object? value, string rule)
        {
            if (breaks)
            {
                deviations.Add(new PresetDeviation(field, Text(presetValue), Text(value), rule));
            }
        }

        switch (policy.Preset)
        {
            case PolicyPreset.PciDss4:
                Check(policy.MinPasswordLength < 12, "minPasswordLength", preset.MinPasswordLength, policy.MinPasswordLength, "PCI DSS 8.3.6: at least 12 characters");
                Check(policy.PasswordHistory < 4, "passwordHistory", preset.PasswordHistory, policy.PasswordHistory, "PCI DSS 8.3.7: not one of the last 4 passwords");
                Check(policy.PasswordMaxAgeDays is 0 or > 90, "passwordMaxAgeDays", preset.PasswordMaxAgeDays, policy.PasswordMaxAgeDays, "PCI DSS 8.3.9: changed at least every 90 days (unless a second factor is used)");
                Check(policy.MaxFailedAttempts > 10, "maxFailedAttempts", preset.MaxFailedAttempts, policy.MaxFailedAttempts, "PCI DSS 8.3.4: locked after at most 10 attempts");
                Check(policy.LockoutMinutes < 30, "lockoutMinutes", preset.LockoutMinutes, policy.LockoutMinutes, "PCI DSS 8.3.4: locked for at least 30 minutes");
                Check(policy.TrustedDevicesBypassLockout, "trustedDevicesBypassLockout", preset.TrustedDevicesBypassLockout, policy.TrustedDevicesBypassLockout, "PCI DSS 8.3.4: the user ID is locked out, on every device");
                break;
            case PolicyPreset.Nist80063B:
                Check(policy.MinPasswordLength < 8, "minPasswordLength", preset.MinPasswordLength, policy.MinPasswordLength, "NIST SP 800-63B 5.1.1.2: at least 8 characters");
                Check(policy.PasswordMaxAgeDays != 0, "passwordMaxAgeDays", preset.PasswordMaxAgeDays, policy.PasswordMaxAgeDays, "NIST SP 800-63B 5.1.1.2: no periodic password changes");
                break;
        }

        return deviations;
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
