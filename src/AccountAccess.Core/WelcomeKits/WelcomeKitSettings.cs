using System.ComponentModel.DataAnnotations;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>Welcome-kit settings (configuration <c>WelcomeKits:*</c>).</summary>
public sealed record WelcomeKitSettings
{
    /// <summary>How many kits a scheduled run sends at once. Defaults to 8.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "WelcomeKits:ScheduleParallelism must be at least 1.")]
    public int ScheduleParallelism { get; init; } = 8;

    /// <summary>The most accounts one scheduled run handles; the next run takes the rest. Defaults to 10,000.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "WelcomeKits:MaxPerRun must be at least 1.")]
    public int MaxPerRun { get; init; } = 10_000;

    /// <summary>
    /// How long a batch's progress (GET /api/organizations/{orgId}/welcome-kits/{requestId}) is kept after the request; the
    /// welcome-kit timer then deletes it. The audit trail keeps what happened to each person. Defaults to 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "WelcomeKits:BatchRetention must be between 1 second and 3650 days.")]
    public TimeSpan BatchRetention { get; init; } = TimeSpan.FromDays(30);
}
