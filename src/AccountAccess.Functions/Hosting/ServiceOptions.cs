using AccountAccess.Core.Sessions;

namespace AccountAccess.Functions.Hosting;

/// <summary>Configuration section <c>Operator</c>.</summary>
public sealed class OperatorOptions
{
    /// <summary>The support team's key (<c>X-Operator-Key</c>). None: operator routes refuse everyone.</summary>
    public string? ApiKey { get; set; }
}

/// <summary>Configuration section <c>Auth</c> (the signing keys are read by <see cref="Auth.SigningKeys"/>).</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// Retired: tokens are signed with <c>Auth:SigningKeys</c> (ES256). A deployment that still sets it gets a start-up
    /// warning, so the secret can be removed from its settings.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary><c>iss</c> of every token. Defaults to <c>Links:PublicBaseUrl</c> (bound in <see cref="AccountAccessServices"/>).</summary>
    public string? Issuer { get; set; }

    /// <summary><c>aud</c> of access tokens; change and enrolment tokens add their own suffix to it. Defaults to <c>account-access</c>.</summary>
    public string Audience { get; set; } = "account-access";

    /// <summary>
    /// How long an access token is honoured, at most (a session's idle or maximum end comes first when nearer). Short,
    /// because a token other services hold cannot be recalled: they only see it expire. Defaults to 15 minutes.
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A refresh token used again within this long after its rotation gets the pair already issued (two tabs refreshing at
    /// once); after it, the reuse ends the session. Defaults to 10 seconds.
    /// </summary>
    public TimeSpan RefreshReuseInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The audience of change tokens (<c>password_change_required</c>): never an access token's.</summary>
    public string ChangeTokenAudience => Audience + "/password-change";

    /// <summary>The audience of enrolment tokens (<c>two_factor_enrollment_required</c>): never an access token's.</summary>
    public string EnrollmentTokenAudience => Audience + "/two-factor-enrollment";

    /// <summary>Why these options cannot be used, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Issuer) ? "Auth:Issuer must not be empty."
        : string.IsNullOrWhiteSpace(Audience) ? "Auth:Audience must not be empty."
        : AccessTokenLifetime < TimeSpan.FromSeconds(1) || AccessTokenLifetime > TimeSpan.FromHours(1) ? $"Auth:AccessTokenLifetime must be between 1 second and 1 hour (was {AccessTokenLifetime})."
        : RefreshReuseInterval < TimeSpan.Zero || RefreshReuseInterval > TimeSpan.FromMinutes(1) ? $"Auth:RefreshReuseInterval must be between 0 and 1 minute (was {RefreshReuseInterval})."
        : null;
}

/// <summary>Configuration section <c>Sessions</c> (with <c>Auth:RefreshReuseInterval</c>).</summary>
public sealed class SessionOptions
{
    /// <summary>Replaces every organization's <c>sessionIdleMinutes</c> (tests, demos). Defaults to none.</summary>
    public TimeSpan? IdleOverride { get; set; }

    /// <summary>Replaces every organization's <c>sessionMaxDays</c> (tests, demos). Defaults to none.</summary>
    public TimeSpan? MaxAgeOverride { get; set; }

    /// <summary>
    /// Sessions one user keeps, open or recently ended (1..90: a start, the sessions it replaces and its events are one
    /// storage batch of at most 100); one more ends the oldest. Defaults to 50.
    /// </summary>
    public int MaxPerUser { get; set; } = 50;

    public string? Problem() =>
        MaxPerUser is < 1 or > 90 ? $"Sessions:MaxPerUser must be between 1 and 90 (was {MaxPerUser})."
        : IdleOverride <= TimeSpan.Zero ? "Sessions:IdleOverride must be positive."
        : MaxAgeOverride <= TimeSpan.Zero ? "Sessions:MaxAgeOverride must be positive."
        : null;

    public SessionSettings ToSettings(AuthOptions auth) => new()
    {
        RefreshReuseInterval = auth.RefreshReuseInterval,
        MaxSessionsPerUser = MaxPerUser,
        IdleOverride = IdleOverride,
        MaxAgeOverride = MaxAgeOverride,
    };
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

    /// <summary>Why <paramref name="failures"/> cannot be the failed-sign-in budget, or null.</summary>
    public static string? ProblemWithFailedSignInLimit(int failures) =>
        failures is >= 1 and <= 10_000 ? null : $"RateLimits:FailedSignInsPerIpPerMinute must be between 1 and 10000 (was {failures}).";
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
