using System.ComponentModel.DataAnnotations;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// Service-wide session settings (configuration <c>Sessions:*</c> and <c>Auth:RefreshReuseInterval</c>), bound and checked
/// at start-up by the app: a value out of range stops it, naming the key.
/// </summary>
public sealed record SessionSettings
{
    /// <summary>
    /// A refresh token presented again within this long after its refresh gets the pair that refresh issued (two tabs
    /// refreshing at once), rather than ending the session (Auth0's "reuse interval"). Defaults to 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Auth:RefreshReuseInterval must be between 0 and 1 minute.")]
    public TimeSpan RefreshReuseInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sessions one user keeps, open or recently ended: starting one more ends the oldest. Bounds the list every
    /// authenticated call reads with the user, and keeps a start (the sessions it replaces, its events) within one
    /// storage batch of 100. Defaults to 50.
    /// </summary>
    [Range(1, 90, ErrorMessage = "Sessions:MaxSessionsPerUser must be between 1 and 90.")]
    public int MaxSessionsPerUser { get; init; } = 50;

    /// <summary>Replaces every organization's <c>sessionIdleMinutes</c> (tests, demos). Defaults to none.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Sessions:IdleOverride must be between 1 second and 365 days.")]
    public TimeSpan? IdleOverride { get; init; }

    /// <summary>Replaces every organization's <c>sessionMaxDays</c> (tests, demos). Defaults to none.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Sessions:MaxAgeOverride must be between 1 second and 365 days.")]
    public TimeSpan? MaxAgeOverride { get; init; }
}
