using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Functions.Hosting;

/// <summary>Configuration section <c>WelcomeKits</c>.</summary>
public sealed class WelcomeKitOptions
{
    /// <summary>The defaults, documented where they are defined (<see cref="WelcomeKitSettings"/>).</summary>
    private static readonly WelcomeKitSettings Defaults = new();

    /// <summary>NCRONTAB (six fields) of the welcome-kit timer (API.md, pinned). Defaults to every 15 minutes.</summary>
    public string Schedule { get; set; } = "0 */15 * * * *";

    /// <inheritdoc cref="WelcomeKitSettings.ScheduleParallelism"/>
    public int ScheduleParallelism { get; set; } = Defaults.ScheduleParallelism;

    /// <inheritdoc cref="WelcomeKitSettings.MaxPerRun"/>
    public int MaxPerRun { get; set; } = Defaults.MaxPerRun;

    /// <summary>Core's settings; a value out of range stops the app at start-up, naming the key.</summary>
    public WelcomeKitSettings ToSettings()
    {
        if (ScheduleParallelism < 1 || MaxPerRun < 1)
        {
            throw new InvalidOperationException("WelcomeKits:ScheduleParallelism and WelcomeKits:MaxPerRun must be at least 1.");
        }

        return new WelcomeKitSettings { ScheduleParallelism = ScheduleParallelism, MaxPerRun = MaxPerRun };
    }
}
