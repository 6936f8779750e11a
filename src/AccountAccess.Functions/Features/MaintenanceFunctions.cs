using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Features;

/// <summary>Timer functions that keep records true without a request arriving.</summary>
public sealed class MaintenanceFunctions(TimedLockSweep lockouts, ChallengeSweep challenges, ILogger<MaintenanceFunctions> logger)
{
    /// <summary>Every <c>Lockouts:SweepSchedule</c> (a minute): closes timed lockouts that have ended.</summary>
    [Function(nameof(SweepEndedLockouts))]
    public async Task SweepEndedLockouts([TimerTrigger("%Lockouts:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var unlocked = await lockouts.RunAsync(cancellationToken);
        if (unlocked > 0)
        {
            logger.LogInformation("{Function} unlocked {Count} account(s)", nameof(SweepEndedLockouts), unlocked);
        }
    }

    /// <summary>Every <c>TwoFactor:ChallengeSweepSchedule</c> (an hour): deletes two-factor challenges over for a day.</summary>
    [Function(nameof(SweepEndedChallenges))]
    public async Task SweepEndedChallenges([TimerTrigger("%TwoFactor:ChallengeSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await challenges.RunAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("{Function} deleted {Count} challenge(s)", nameof(SweepEndedChallenges), deleted);
        }
    }
}
