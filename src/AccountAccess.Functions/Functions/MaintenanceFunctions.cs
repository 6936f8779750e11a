using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;

namespace AccountAccess.Functions.Functions;

/// <summary>Timer functions that keep records true without a request arriving.</summary>
public static class MaintenanceFunctions
{
    public const string SweepEndedLockouts = nameof(SweepEndedLockouts);

    public const string SweepEndedChallenges = nameof(SweepEndedChallenges);

    public static FunctionRegistry AddMaintenanceFunctions(this FunctionRegistry registry, LockoutOptions lockouts, TwoFactorOptions twoFactor) =>
        registry.AddTimer(SweepEndedChallenges, twoFactor.ChallengeSweepSchedule, async (services, cancellationToken) =>
        {
            var deleted = await services.GetRequiredService<ChallengeSweep>().RunAsync(cancellationToken);
            if (deleted > 0)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(MaintenanceFunctions))
                    .LogInformation("{Function} deleted {Count} challenge(s)", SweepEndedChallenges, deleted);
            }
        })
        .AddTimer(SweepEndedLockouts, lockouts.SweepSchedule, async (services, cancellationToken) =>
        {
            var unlocked = await services.GetRequiredService<TimedLockSweep>().RunAsync(cancellationToken);
            if (unlocked > 0)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(MaintenanceFunctions))
                    .LogInformation("{Function} unlocked {Count} account(s)", SweepEndedLockouts, unlocked);
            }
        });
}
