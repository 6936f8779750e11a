using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// The welcome-kit timer: sends exactly one kit to every account pending activation that has an email and never got one,
/// found through the pending-activations index (<see cref="PendingActivation"/>) rather than by reading every account.
/// Runs may overlap (a slow run, two instances, a manual invocation): each account is claimed before its kit is sent, so
/// only one run sends it. A run that dies leaves claims that expire; the next run sends those kits.
/// </summary>
public sealed class WelcomeKitSchedule(IUserStore users, WelcomeKitSender sender, WelcomeKitSettings settings, TimeProvider time)
{
    public async Task<WelcomeKitScheduleRun> RunAsync(CancellationToken cancellationToken)
    {
        var runId = Ids.NewRequestId();
        var startedAt = time.GetUtcNow();
        var due = await users.ListPendingActivationsAsync(settings.MaxPerRun, cancellationToken);
        int sent = 0, busy = 0, notDelivered = 0, removed = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = settings.ScheduleParallelism, CancellationToken = cancellationToken },
            async (entry, ct) =>
            {
                var request = new WelcomeKitRequest(runId, entry.Value.UserId, WelcomeKitTrigger.Schedule, startedAt, RequestContext.System);
                switch (await sender.SendAsync(request, caller: null, ct))
                {
                    case WelcomeKitOutcome.Sent:
                        Interlocked.Increment(ref sent);
                        break;
                    case WelcomeKitOutcome.Busy:
                        Interlocked.Increment(ref busy);
                        break;
                    case WelcomeKitOutcome.NotDelivered:
                        Interlocked.Increment(ref notDelivered);
                        break;
                    case WelcomeKitOutcome.NotDue or WelcomeKitOutcome.NotFound:
                        // Guarded by the entry's version: an entry the store rewrote since (the account is due again) stays.
                        await users.RemovePendingActivationAsync(entry, ct);
                        Interlocked.Increment(ref removed);
                        break;
                }
            });
        return new WelcomeKitScheduleRun(due.Count, sent, busy, notDelivered, removed);
    }
}
