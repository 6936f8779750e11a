namespace AccountAccess.Core.WelcomeKits;

/// <summary>Welcome-kit settings (configuration <c>WelcomeKits:*</c>).</summary>
public sealed record WelcomeKitSettings
{
    /// <summary>How many kits a scheduled run sends at once. Defaults to 8.</summary>
    public int ScheduleParallelism { get; init; } = 8;

    /// <summary>The most accounts one scheduled run handles; the next run takes the rest. Defaults to 10,000.</summary>
    public int MaxPerRun { get; init; } = 10_000;
}
