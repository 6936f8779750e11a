namespace AccountAccess.Core.Sessions;

/// <summary>Service-wide session settings (configuration <c>Auth:RefreshReuseInterval</c>, <c>Sessions:*</c>).</summary>
public sealed record SessionSettings
{
    /// <summary>
    /// A refresh token presented again within this long after its refresh gets the pair that refresh issued (two tabs
    /// refreshing at once), rather than ending the session (Auth0's "reuse interval"). Defaults to 10 seconds.
    /// </summary>
    public TimeSpan RefreshReuseInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sessions one user keeps, open or recently ended: starting one more ends the oldest. Bounds the list every
    /// authenticated call reads with the user. Defaults to 50.
    /// </summary>
    public int MaxSessionsPerUser { get; init; } = 50;

    /// <summary>Replaces every organization's <c>sessionIdleMinutes</c> (tests, demos). Defaults to none.</summary>
    public TimeSpan? IdleOverride { get; init; }

    /// <summary>Replaces every organization's <c>sessionMaxDays</c> (tests, demos). Defaults to none.</summary>
    public TimeSpan? MaxAgeOverride { get; init; }
}
