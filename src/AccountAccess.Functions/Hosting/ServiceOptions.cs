namespace AccountAccess.Functions.Hosting;

/// <summary>Configuration section <c>Operator</c>.</summary>
public sealed class OperatorOptions
{
    /// <summary>The support team's key (<c>X-Operator-Key</c>). None: operator routes refuse everyone.</summary>
    public string? ApiKey { get; set; }
}

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>Base64 of at least 32 random bytes that sign access tokens. Required in Production.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an access token is honoured. Defaults to one hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Configuration section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in, forgot-password and 2FA requests allowed per source IP per minute. Defaults to 120.</summary>
    public int SignInPerIpPerMinute { get; set; } = 120;

    /// <summary>
    /// Failed sign-ins (<c>invalid_credentials</c>: unknown login or wrong password alike) allowed per source IP per
    /// minute; beyond, that IP's sign-ins are refused (429) before any hash is computed. Defaults to 30.
    /// </summary>
    public int FailedSignInsPerIpPerMinute { get; set; } = 30;

    /// <summary>
    /// Failed untrusted sign-ins (not from a trusted device) allowed service-wide, per instance, in a minute; beyond, the
    /// service is under credential stuffing: IPs that failed more than they succeeded lately are refused (429) before any
    /// hash, and new IPs wait behind trusted devices and IPs that signed people in (refused when too many wait). Trusted
    /// devices are never refused. Ordinary typing mistakes stay far below it; a 2-core instance hashes 500–1,500 sign-ins
    /// a minute. Defaults to 120.
    /// </summary>
    public int UntrustedFailedSignInsPerMinute { get; set; } = 120;

    /// <summary>Why <paramref name="failures"/> cannot be the failed-sign-in budget, or null.</summary>
    public static string? ProblemWithFailedSignInLimit(int failures) =>
        failures is >= 1 and <= 10_000 ? null : $"RateLimits:FailedSignInsPerIpPerMinute must be between 1 and 10000 (was {failures}).";

    /// <summary>Why <paramref name="failures"/> cannot be the service-wide budget of failed untrusted sign-ins, or null.</summary>
    public static string? ProblemWithUntrustedFailureBudget(int failures) =>
        failures is >= 1 and <= 1_000_000 ? null : $"RateLimits:UntrustedFailedSignInsPerMinute must be between 1 and 1000000 (was {failures}).";
}

/// <summary>Configuration section <c>Lockouts</c>.</summary>
public sealed class LockoutOptions
{
    /// <summary>Replaces every organization's <c>lockoutMinutes</c> (tests, demos). Defaults to none.</summary>
    public TimeSpan? DurationOverride { get; set; }

    /// <summary>NCRONTAB (six fields) of the sweep that closes ended timed lockouts. Defaults to every minute.</summary>
    public string SweepSchedule { get; set; } = "0 * * * * *";
}

/// <summary>Configuration section <c>Triggers</c>.</summary>
public sealed class TriggerOptions
{
    /// <summary>How often the standalone host polls the queues of queue functions when they are empty. Defaults to two seconds.</summary>
    public TimeSpan LocalPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a queue message the local runner received stays hidden while it is handled: if the process dies, the
    /// message comes back after that long (the Functions host manages this itself in Azure). Long enough for any handler;
    /// tests of a crash shrink it. Defaults to two minutes.
    /// </summary>
    public TimeSpan LocalMessageVisibility { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Configuration section <c>Diagnostics</c>.</summary>
public sealed class DiagnosticsOptions
{
    /// <summary>Adds <c>X-Storage-Round-Trips</c> to every response, for benchmarks and tests. Defaults to false.</summary>
    public bool StorageRoundTripsHeader { get; set; }
}

/// <summary>Configuration section <c>Passwords</c> (with <c>Links:PublicBaseUrl</c>).</summary>
public sealed class PasswordOptions
{
    /// <summary>How long reset and activation links work. Defaults to 24 hours.</summary>
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Replaces <c>passwordMaxAgeDays</c> (tests, demos).</summary>
    public TimeSpan? MaxAgeOverride { get; set; }

    /// <summary>Replaces <c>passwordExpiryReminderDays</c> (tests, demos).</summary>
    public TimeSpan? ReminderLeadOverride { get; set; }

    /// <summary>The most reset emails forgot-password sends one account in an hour (1..100). Defaults to 5.</summary>
    public int ForgotPasswordEmailsPerAccountPerHour { get; set; } = 5;
}

/// <summary>Configuration section <c>Billing</c>.</summary>
public sealed class BillingOptions
{
    /// <summary>The HMAC secret billing events are signed with. None: the webhook refuses every event.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>From payment (below two overdue invoices) to access restored. Defaults to 24 hours; at most 48.</summary>
    public TimeSpan ReactivationDelay { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Configuration section <c>TwoFactor</c> (besides <c>TwoFactor:EncryptionKey</c>).</summary>
public sealed class TwoFactorOptions
{
    /// <summary>NCRONTAB of the timer that deletes two-factor challenges over for a day. Defaults to every hour.</summary>
    public string ChallengeSweepSchedule { get; set; } = "0 0 * * * *";
}
