using AccountAccess.Core.Accounts;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// A policy on input: every field optional. An omitted field takes the preset's value when a <c>preset</c> is named, the
/// documented default otherwise. <c>lockoutMinutes</c> may be given as <c>null</c> (locks last until an administrator
/// reactivates), which is why it tells "omitted" from "null".
/// </summary>
public sealed record PolicyBody(
    PolicyPreset? Preset,
    int? MaxFailedAttempts,
    Optional<int?> LockoutMinutes,
    int? PasswordMaxAgeDays,
    int? PasswordExpiryReminderDays,
    int? MinPasswordLength,
    int? PasswordHistory,
    string? MinimumAppVersion,
    bool? RequireTwoFactor,
    bool? UnlockByPasswordReset = null,
    bool? EmailSecondFactor = null,
    bool? TrustedDevicesBypassLockout = null,
    bool? RequirePhishingResistant = null)
{
    public OrganizationPolicy ToPolicy()
    {
        var start = PolicyPresets.ValuesOf(Preset);
        return start with
        {
            MaxFailedAttempts = MaxFailedAttempts ?? start.MaxFailedAttempts,
            LockoutMinutes = LockoutMinutes.Or(start.LockoutMinutes),
            PasswordMaxAgeDays = PasswordMaxAgeDays ?? start.PasswordMaxAgeDays,
            PasswordExpiryReminderDays = PasswordExpiryReminderDays ?? start.PasswordExpiryReminderDays,
            MinPasswordLength = MinPasswordLength ?? start.MinPasswordLength,
            PasswordHistory = PasswordHistory ?? start.PasswordHistory,
            MinimumAppVersion = MinimumAppVersion ?? start.MinimumAppVersion,
            RequireTwoFactor = RequireTwoFactor ?? start.RequireTwoFactor,
            UnlockByPasswordReset = UnlockByPasswordReset ?? start.UnlockByPasswordReset,
            EmailSecondFactor = EmailSecondFactor ?? start.EmailSecondFactor,
            TrustedDevicesBypassLockout = TrustedDevicesBypassLockout ?? start.TrustedDevicesBypassLockout,
            RequirePhishingResistant = RequirePhishingResistant ?? start.RequirePhishingResistant,
        };
    }
}
