using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Functions.Hosting;

/// <summary>Configuration section <c>WelcomeKits</c>.</summary>
public sealed class WelcomeKitOptions
{
    /// <summary>NCRONTAB (six fields) of the welcome-kit timer (API.md, pinned). Defaults to every 15 minutes.</summary>
    public string Schedule { get; set; } = "0 */15 * * * *";

    /// <summary>How long a sender's claim on an account holds if the sender dies. Defaults to five minutes.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many kits a scheduled run sends at once. Defaults to 8.</summary>
    public int ScheduleParallelism { get; set; } = 8;

    /// <summary>The most accounts one scheduled run handles; the next run takes the rest. Defaults to 10,000.</summary>
    public int MaxPerRun { get; set; } = 10_000;

    /// <summary>Core's settings; a value out of range stops the app at start-up, naming the key.</summary>
    public WelcomeKitSettings ToSettings()
    {
        if (ClaimTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("WelcomeKits:ClaimTimeout must be positive.");
        }

        if (ScheduleParallelism < 1 || MaxPerRun < 1)
        {
            throw new InvalidOperationException("WelcomeKits:ScheduleParallelism and WelcomeKits:MaxPerRun must be at least 1.");
        }

        return new WelcomeKitSettings { ClaimTimeout = ClaimTimeout, ScheduleParallelism = ScheduleParallelism, MaxPerRun = MaxPerRun };
    }
}
