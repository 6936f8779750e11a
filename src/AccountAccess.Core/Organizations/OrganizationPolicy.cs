using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Organizations;

/// <summary>
/// The rules an organization sets for its members' accounts. Every default is the documented policy of API.md,
/// and <c>OrganizationPolicyTests.Defaults_are_the_documented_policy</c> pins them.
/// </summary>
public sealed record OrganizationPolicy
{
    /// <summary>The preset the values start from (<see cref="PolicyPresets"/>); null: the defaults below. Defaults to null.</summary>
    public PolicyPreset? Preset { get; init; }

    public const int MaxFailedAttemptsLimit = 20;

    /// <summary>
    /// Consecutive wrong passwords before the account is deactivated (1..20). Six, the help centre's figure, stays
    /// under PCI DSS 8.3.4's ceiling of ten. Defaults to 6.
    /// </summary>
    public int MaxFailedAttempts { get; init; } = 6;

    /// <summary>
    /// Null: a locked account stays deactivated until an administrator reactivates it. A number: the lock ends by
    /// itself after that many minutes (PCI DSS 8.3.4 asks for at least 30). Defaults to null.
    /// </summary>
    public int? LockoutMinutes { get; init; }

    /// <summary>Password lifetime; 0 disables rotation. 90 days is PCI DSS 8.3.9's figure. Defaults to 90.</summary>
    public int PasswordMaxAgeDays { get; init; } = 90;

    /// <summary>How many days before expiry the reminder email goes out. Defaults to 7.</summary>
    public int PasswordExpiryReminderDays { get; init; } = 7;

    /// <summary>Minimum password length, PCI DSS 8.3.6's twelve characters. Defaults to 12.</summary>
    public int MinPasswordLength { get; init; } = 12;

    /// <summary>How many previous passwords may not be reused, PCI DSS 8.3.7's four. Defaults to 4.</summary>
    public int PasswordHistory { get; init; } = 4;

    /// <summary>The oldest mobile-app version allowed to sign in (semantic version); null: any. Defaults to null.</summary>
    public string? MinimumAppVersion { get; init; }

    /// <summary>Whether every member must sign in with a second factor. Defaults to false.</summary>
    public bool RequireTwoFactor { get; init; }

    /// <summary>
    /// True: an account deactivated for security reasons (too many attempts, suspicious activity) is reactivated when its
    /// holder sets a new password through an emailed link or a change token. False: only a supervisor or administrator
    /// reactivates it. Defaults to false.
    /// </summary>
    public bool UnlockByPasswordReset { get; init; }

    /// <summary>
    /// Whether a code sent by email may answer a second-factor challenge. False: NIST SP 800-63B 5.1.3.1 forbids email as
    /// an out-of-band authenticator, and the mailbox that receives reset links would otherwise pass both factors. A member
    /// of several organizations gets email only if every one allows it. Defaults to false.
    /// </summary>
    public bool EmailSecondFactor { get; init; }

    /// <summary>
    /// True: a request from one of the person's trusted devices signs in through a lock for too many attempts, so a
    /// stranger who knows the username cannot lock the holder out (OWASP device cookies). False: the lock keeps every
    /// device out once it has begun (the <c>pci-dss-4</c> preset: PCI DSS 8.3.4 locks the user ID). Defaults to true.
    /// </summary>
    public bool TrustedDevicesBypassLockout { get; init; } = true;

    /// <summary>
    /// Whether members must sign in with a passkey — the password and a passkey, or a passkey alone — the only factor a
    /// phishing page cannot relay (NIST SP 800-63B 5.2.5, phishing resistance, required at AAL3). A member without one sets
    /// one up at their next sign-in (after the second factor they have, if any). A member of several organizations is held
    /// to it if any of them sets it. Defaults to false.
    /// </summary>
    public bool RequirePhishingResistant { get; init; }

    public static OrganizationPolicy Default { get; } = new();

    /// <summary>The fields out of range, as (field, problem) pairs; empty when the policy is valid.</summary>
    public IEnumerable<(string Field, string Problem)> Violations()
    {
        if (MaxFailedAttempts is < 1 or > MaxFailedAttemptsLimit)
        {
            yield return ("maxFailedAttempts", $"must be between 1 and {MaxFailedAttemptsLimit}");
        }

        if (LockoutMinutes is < 1 or > 525_600)
        {
            yield return ("lockoutMinutes", "must be null or between 1 and 525600");
        }

        if (PasswordMaxAgeDays is < 0 or > 3650)
        {
            yield return ("passwordMaxAgeDays", "must be between 0 and 3650");
        }

        if (PasswordExpiryReminderDays is < 0 or > 365)
        {
            yield return ("passwordExpiryReminderDays", "must be between 0 and 365");
        }

        if (MinPasswordLength is < 8 or > 256)
        {
            yield return ("minPasswordLength", "must be between 8 and 256");
        }

        if (PasswordHistory is < 0 or > 24)
        {
            yield return ("passwordHistory", "must be between 0 and 24");
        }

        if (MinimumAppVersion is not null && !AppVersion.TryParse(MinimumAppVersion, out _))
        {
            yield return ("minimumAppVersion", "must be a version such as 3.2.0");
        }
    }
}
