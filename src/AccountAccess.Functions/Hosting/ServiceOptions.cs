using System.ComponentModel.DataAnnotations;

namespace AccountAccess.Functions.Hosting;

/// <summary>Configuration section <c>Operator</c>.</summary>
public sealed class OperatorOptions
{
    /// <summary>The support team's key (<c>X-Operator-Key</c>), for automation. None: only support accounts are operators.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The support team's organization: its administrators holding the <c>support</c> permission are operators when signed
    /// in on the management portal (Core's <c>SupportTeam</c>, bound from the same section). Defaults to none.
    /// </summary>
    public string? OrganizationId { get; set; }
}

/// <summary>
/// Configuration section <c>Auth</c> (the signing keys are read by <see cref="Auth.SigningKeys"/>; <c>Auth:RefreshReuseInterval</c>
/// by Core's <c>SessionSettings</c>).
/// </summary>
public sealed class AuthOptions
{
    /// <summary>
    /// Retired: tokens are signed with <c>Auth:SigningKeys</c> (ES256). A deployment that still sets it gets a start-up
    /// warning, so the secret can be removed from its settings.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary><c>iss</c> of every token. Defaults to <c>Links:PublicBaseUrl</c> (<see cref="AccountAccessOptions"/>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:Issuer must not be empty.")]
    public string? Issuer { get; set; }

    /// <summary><c>aud</c> of access tokens; change and enrolment tokens add their own suffix to it. Defaults to <c>account-access</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:Audience must not be empty.")]
    public string Audience { get; set; } = "account-access";

    /// <summary>
    /// How long an access token is honoured, at most (a session's idle or maximum end comes first when nearer). Short,
    /// because a token other services hold cannot be recalled: they only see it expire. Defaults to 15 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Auth:AccessTokenLifetime must be between 1 second and 1 hour.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The audience of change tokens (<c>password_change_required</c>): never an access token's.</summary>
    public string ChangeTokenAudience => Audience + "/password-change";

    /// <summary>The audience of enrolment tokens (<c>two_factor_enrollment_required</c>): never an access token's.</summary>
    public string EnrollmentTokenAudience => Audience + "/two-factor-enrollment";
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
    [Range(1, 10_000, ErrorMessage = "RateLimits:FailedSignInsPerIpPerMinute must be between 1 and 10000.")]
    public int FailedSignInsPerIpPerMinute { get; set; } = 30;

    /// <summary>
    /// Failed untrusted sign-ins (not from a trusted device) allowed service-wide, per instance, in a minute; beyond, the
    /// service is under credential stuffing: IPs that failed at least twice more than they succeeded lately are refused
    /// (429) before any hash. Trusted devices are never refused. Ordinary typing mistakes stay far below it; a 2-core
    /// instance hashes 500–1,500 sign-ins a minute. Defaults to 120.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:UntrustedFailedSignInsPerMinute must be between 1 and 1000000.")]
    public int UntrustedFailedSignInsPerMinute { get; set; } = 120;
}

/// <summary>Configuration section <c>Lockouts</c> (its <c>DurationOverride</c>: Core's <c>LockoutSettings</c>).</summary>
public sealed class LockoutOptions
{
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

/// <summary>Configuration section <c>Billing</c> (its <c>ReactivationDelay</c>: Core's <c>BillingSettings</c>).</summary>
public sealed class BillingOptions
{
    /// <summary>The HMAC secret billing events are signed with. None: the webhook refuses every event.</summary>
    public string? WebhookSecret { get; set; }
}

/// <summary>Configuration section <c>TwoFactor</c>.</summary>
public sealed class TwoFactorOptions
{
    /// <summary>
    /// Base64 of the 32-byte AES-256 key that encrypts TOTP secrets at rest. Required in Production; a development key
    /// otherwise (<c>Auth/TwoFactorKey</c>).
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>NCRONTAB of the timer that deletes two-factor challenges over for a day. Defaults to every hour.</summary>
    public string ChallengeSweepSchedule { get; set; } = "0 0 * * * *";
}
