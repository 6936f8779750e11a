namespace AccountAccess.Core.WelcomeKits;

/// <summary>Welcome-kit settings (configuration <c>WelcomeKits:*</c>).</summary>
public sealed record WelcomeKitSettings
{
    /// <summary>
    /// How long a sender's claim on an account holds. Long enough to email one kit many times over; short enough that a
    /// sender that died leaves its accounts to the next run soon. Defaults to five minutes.
    /// </summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many kits a scheduled run sends at once. Defaults to 8.</summary>
    public int ScheduleParallelism { get; init; } = 8;

    /// <summary>The most accounts one scheduled run handles; the next run takes the rest. Defaults to 10,000.</summary>
    public int MaxPerRun { get; init; } = 10_000;
}
