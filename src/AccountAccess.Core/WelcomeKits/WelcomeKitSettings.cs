using System.ComponentModel.DataAnnotations;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>Welcome-kit settings (configuration <c>WelcomeKits:*</c>).</summary>
public sealed record WelcomeKitSettings
{
    /// <summary>
    /// How long a sender's claim on an account holds. Long enough to email one kit many times over; short enough that a
    /// sender that died leaves its accounts to the next run soon. Defaults to five minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.02:48:05.4775807", ParseLimitsInInvariantCulture = true, ErrorMessage = "WelcomeKits:ClaimTimeout must be positive.")]
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many kits a scheduled run sends at once. Defaults to 8.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "WelcomeKits:ScheduleParallelism must be at least 1.")]
    public int ScheduleParallelism { get; init; } = 8;

    /// <summary>The most accounts one scheduled run handles; the next run takes the rest. Defaults to 10,000.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "WelcomeKits:MaxPerRun must be at least 1.")]
    public int MaxPerRun { get; init; } = 10_000;
}
