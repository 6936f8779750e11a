using AccountAccess.Core.SignIn;

namespace AccountAccess.Functions.Http;

/// <summary>
/// One sign-in hash per core at a time, served from five queues in turn: requests from a trusted device of the account
/// they name; then untrusted ones from IPs that signed people in lately and fail less than they succeed (an office, a
/// home: <see cref="SourceHistory"/>); then the first sign-in from an IP unseen for ten minutes (a person on a new
/// network; a flood's addresses are each unseen once, so its many guesses per address wait behind); then the others,
/// first come first served; last, IPs that failed more than they succeeded or used more than a quarter of their per-IP
/// request budget this minute (<see cref="SignInRateLimiter"/>). A
/// sprayer of unknown logins gets its decoy hashes — as costly as real ones, so that they cannot be told apart — only
/// from cores that legitimate sign-ins leave idle (bench/README.md §7, §8), and the people who signed in on their device
/// before go first whatever the flood. Holding hashes to the core count also keeps a burst from running them all at once
/// on the thread pool, where every one of them would finish late. Which queue a request waits in depends on its IP and
/// its device token only, never on whether its login exists.
/// </summary>
public sealed class PrioritizedHashAdmission(SignInRateLimiter limiter, int? cores = null, SourceHistory? history = null) : IHashAdmission
{
    private readonly object gate = new();
    private readonly Queue<Waiter> trusted = new();
    private readonly Queue<Waiter> good = new();
    private readonly Queue<Waiter> unseen = new();
    private readonly Queue<Waiter> first = new();
    private readonly Queue<Waiter> last = new();
    private int free = cores ?? Environment.ProcessorCount;

    /// <summary>How many cores the hashes take turns at.</summary>
    public int Cores { get; } = cores ?? Environment.ProcessorCount;

    /// <summary>Requests in the current window beyond which an IP's hashes wait behind the others'.</summary>
    public long BusyThreshold => Math.Max(10, limiter.PermitLimit / 4);

    /// <summary>Untrusted hashes waiting for a core now (whose waiters may have given up meanwhile).</summary>
    public int UntrustedWaiting
    {
        get
        {
            lock (gate)
            {
                return good.Count + unseen.Count + first.Count + last.Count;
            }
        }
    }

    /// <summary>
    /// Untrusted hashes waiting now that an untrusted request from <paramref name="sourceIp"/> would wait behind: those of
    /// its own queue and of the queues served before it (a newcomer's wait does not grow with the line of suspects).
    /// </summary>
    public int UntrustedWaitingAhead(string? sourceIp)
    {
        var queue = QueueOf(sourceIp, SignInTrust.Untrusted);
        lock (gate)
        {
            var ahead = good.Count;
            ahead += queue == good ? 0 : unseen.Count;
            ahead += queue == good || queue == unseen ? 0 : first.Count;
            ahead += queue == last ? last.Count : 0;
            return ahead;
        }
    }

    /// <summary>An untrusted request's turn.</summary>
    public ValueTask<IDisposable> AdmitAsync(string? sourceIp, CancellationToken cancellationToken) =>
        AdmitAsync(sourceIp, SignInTrust.Untrusted, cancellationToken);

    public ValueTask<IDisposable> AdmitAsync(string? sourceIp, SignInTrust trust, CancellationToken cancellationToken)
    {
        var queue = QueueOf(sourceIp, trust);
        Waiter waiter;
        lock (gate)
        {
            if (free > 0 && trusted.Count == 0 && good.Count == 0 && unseen.Count == 0 && first.Count == 0 && last.Count == 0)
            {
                free--;
                return ValueTask.FromResult<IDisposable>(new Lease(this));
            }

            waiter = new Waiter();
            queue.Enqueue(waiter);
        }

        return new ValueTask<IDisposable>(waiter.WaitAsync(cancellationToken));
    }

    private Queue<Waiter> QueueOf(string? sourceIp, SignInTrust trust) =>
        trust == SignInTrust.TrustedDevice ? trusted
        : limiter.UsedThisWindow(sourceIp) > BusyThreshold ? last
        : (history?.StandingOf(sourceIp) ?? SourceStanding.New) switch
        {
            SourceStanding.Good => good,
            SourceStanding.Unseen => unseen,
            SourceStanding.Suspect => last,
            _ => first,
        };

    private void Release()
    {
        lock (gate)
        {
            // A waiter whose request was cancelled meanwhile refuses the core; the next one takes it.
            while (trusted.TryDequeue(out var waiter) || good.TryDequeue(out waiter) || unseen.TryDequeue(out waiter) || first.TryDequeue(out waiter)
                || last.TryDequeue(out waiter))
            {
                if (waiter.Admit(new Lease(this)))
                {
                    return;
                }
            }

            free++;
        }
    }

    private sealed class Waiter
    {
        private readonly TaskCompletionSource<IDisposable> admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Admit(Lease lease) => admitted.TrySetResult(lease);

        public async Task<IDisposable> WaitAsync(CancellationToken cancellationToken)
        {
            await using (cancellationToken.Register(() => admitted.TrySetCanceled(cancellationToken)))
            {
                return await admitted.Task;
            }
        }
    }

    private sealed class Lease(PrioritizedHashAdmission owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
