using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// Closes timed lockouts (<c>lockoutMinutes</c>) that have run out, so the account's state and audit trail say
/// "unlocked" without waiting for the person's next sign-in. Sign-in already treats an ended lock as over; the sweep
/// only makes the record match. Run by a timer function.
/// </summary>
public sealed class TimedLockSweep(IUserStore users, UserUpdater updater, TimeProvider time)
{
    /// <summary>How many entries one run handles; the rest wait for the next run. Defaults to 200.</summary>
    public const int BatchSize = 200;

    /// <summary>Returns how many accounts were unlocked.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var unlocked = 0;
        foreach (var entry in await users.FindEndedTimedLocksAsync(time.GetUtcNow(), BatchSize, cancellationToken))
        {
            var unlockedThis = false;
            await updater.UpdateAsync(entry.UserId, user =>
            {
                var (updated, events) = Lockout.ExpireTimedLock(user, time.GetUtcNow());
                unlockedThis = events.Count > 0;
                return new UserChange(updated, events);
            }, cancellationToken);

            if (unlockedThis)
            {
                unlocked++;
            }

            await users.RemoveTimedLockEntryAsync(entry, cancellationToken);
        }

        return unlocked;
    }
}
