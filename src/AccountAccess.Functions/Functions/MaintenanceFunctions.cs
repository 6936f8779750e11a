using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;

namespace AccountAccess.Functions.Functions;

/// <summary>Timer functions that keep records true without a request arriving.</summary>
public static class MaintenanceFunctions
{
    public const string SweepEndedLockouts = nameof(SweepEndedLockouts);

    public static FunctionRegistry AddMaintenanceFunctions(this FunctionRegistry registry, LockoutOptions lockouts) =>
        registry.AddTimer(SweepEndedLockouts, lockouts.SweepSchedule, async (services, cancellationToken) =>
        {
            var unlocked = await services.GetRequiredService<TimedLockSweep>().RunAsync(cancellationToken);
            if (unlocked > 0)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(MaintenanceFunctions))
                    .LogInformation("{Function} unlocked {Count} account(s)", SweepEndedLockouts, unlocked);
            }
        });
}
