using AccountAccess.Core.Organizations;

namespace AccountAccess.Functions.Contracts;

/// <summary>A policy on input: every field optional; an omitted field takes the documented default.</summary>
public sealed record PolicyBody(
    int? MaxFailedAttempts,
    int? LockoutMinutes,
    int? PasswordMaxAgeDays,
    int? PasswordExpiryReminderDays,
    int? MinPasswordLength,
    int? PasswordHistory,
    string? MinimumAppVersion,
    bool? RequireTwoFactor)
{
    public OrganizationPolicy ToPolicy()
    {
        var defaults = OrganizationPolicy.Default;
        return new OrganizationPolicy
        {
            MaxFailedAttempts = MaxFailedAttempts ?? defaults.MaxFailedAttempts,
            LockoutMinutes = LockoutMinutes,
            PasswordMaxAgeDays = PasswordMaxAgeDays ?? defaults.PasswordMaxAgeDays,
            PasswordExpiryReminderDays = PasswordExpiryReminderDays ?? defaults.PasswordExpiryReminderDays,
            MinPasswordLength = MinPasswordLength ?? defaults.MinPasswordLength,
            PasswordHistory = PasswordHistory ?? defaults.PasswordHistory,
            MinimumAppVersion = MinimumAppVersion,
            RequireTwoFactor = RequireTwoFactor ?? defaults.RequireTwoFactor,
        };
    }
}
