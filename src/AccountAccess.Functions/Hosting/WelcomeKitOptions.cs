namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Configuration section <c>WelcomeKits</c>: the timer's schedule (its other keys, the sending limits, are Core's
/// <c>WelcomeKitSettings</c>).
/// </summary>
public sealed class WelcomeKitOptions
{
    /// <summary>NCRONTAB (six fields) of the welcome-kit timer (API.md, pinned). Defaults to every 15 minutes.</summary>
    public string Schedule { get; set; } = "0 */15 * * * *";
}
