using System.ComponentModel.DataAnnotations;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// Service-wide password settings (configuration <c>Passwords:*</c> and <c>Links:PublicBaseUrl</c>), bound and checked
/// at start-up by the app: a value out of range stops it, naming the key.
/// </summary>
public sealed record PasswordSettings
{
    /// <summary>How long a reset or activation link works. Defaults to 24 hours.</summary>
    public TimeSpan ResetLinkLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The front end that serves <c>/reset-password</c> and <c>/activate</c>. Defaults to http://localhost:7071.</summary>
    public string PublicBaseUrl { get; init; } = "http://localhost:7071";

    /// <summary>Replaces every organization's <c>passwordMaxAgeDays</c> (tests, demos). Defaults to none.</summary>
    public TimeSpan? MaxAgeOverride { get; init; }

    /// <summary>Replaces every organization's <c>passwordExpiryReminderDays</c> (tests, demos). Defaults to none.</summary>
    public TimeSpan? ReminderLeadOverride { get; init; }

    /// <summary>
    /// How long the sender of a new reset or activation link holds the account while it emails it (<see cref="LinkEmailClaim"/>):
    /// no other link is issued meanwhile, and the email is cancelled after nine tenths of it. Longer than an email takes with
    /// its SMTP retries (<c>Email:Smtp:Timeout</c> 30 s a try, 3 retries); short enough that a sender that died holds the
    /// account only a few minutes. Defaults to 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Passwords:LinkEmailClaimTimeout must be between 1 second and 1 hour.")]
    public TimeSpan LinkEmailClaimTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many reset and activation links a user keeps on record. Defaults to 5.</summary>
    [Range(1, 100, ErrorMessage = "Passwords:LinksKept must be between 1 and 100.")]
    public int LinksKept { get; init; } = 5;

    /// <summary>
    /// The most reset emails forgot-password sends one account in an hour, whatever the source IPs (beyond that it
    /// sends nothing, and the answer is the same). Defaults to 5.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Passwords:ForgotPasswordEmailsPerAccountPerHour must be between 1 and 100.")]
    public int ForgotPasswordEmailsPerAccountPerHour { get; init; } = 5;

    public string LinkFor(ResetLinkPurpose purpose, string token) =>
        PublicBaseUrl.TrimEnd('/') + (purpose == ResetLinkPurpose.Activation ? "/activate?token=" : "/reset-password?token=") + Uri.EscapeDataString(token);
}
