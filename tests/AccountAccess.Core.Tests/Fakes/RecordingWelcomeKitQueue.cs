using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// The two welcome-kit queues in memory: fan-outs waiting for the fan-out function, and requests recorded with the time
/// they become visible; a test takes them as a receive would.
/// </summary>
public sealed class RecordingWelcomeKitQueue(TimeProvider time) : IWelcomeKitQueue
{
    private readonly List<(WelcomeKitRequest Request, DateTimeOffset VisibleAt)> messages = [];
    private readonly List<WelcomeKitFanOut> fanOuts = [];

    /// <summary>Every fan-out message ever sent, in order (taken or not).</summary>
    public List<WelcomeKitFanOut> FanOutsSent { get; } = [];

    public Task SendFanOutsAsync(IReadOnlyList<WelcomeKitFanOut> sent, CancellationToken cancellationToken)
    {
        lock (messages)
        {
            fanOuts.AddRange(sent);
            FanOutsSent.AddRange(sent);
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes and returns the fan-out messages waiting.</summary>
    public IReadOnlyList<WelcomeKitFanOut> TakeFanOuts()
    {
        lock (messages)
        {
            var taken = fanOuts.ToList();
            fanOuts.Clear();
            return taken;
        }
    }

    /// <summary>Every message ever sent, in order (taken or not).</summary>
    public List<WelcomeKitRequest> Sent { get; } = [];

    public Task SendAsync(IReadOnlyList<WelcomeKitRequest> requests, CancellationToken cancellationToken)
    {
        lock (messages)
        {
            foreach (var request in requests)
            {
                messages.Add((request, time.GetUtcNow()));
                Sent.Add(request);
            }
        }

        return Task.CompletedTask;
    }

    public Task SendLaterAsync(WelcomeKitRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (messages)
        {
            messages.Add((request, time.GetUtcNow() + delay));
            Sent.Add(request);
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes and returns the messages visible now, as a receive would.</summary>
    public IReadOnlyList<WelcomeKitRequest> TakeVisible()
    {
        lock (messages)
        {
            var now = time.GetUtcNow();
            var visible = messages.Where(m => m.VisibleAt <= now).Select(m => m.Request).ToList();
            messages.RemoveAll(m => m.VisibleAt <= now);
            return visible;
        }
    }

    public int Waiting
    {
        get
        {
            lock (messages)
            {
                return messages.Count + fanOuts.Count;
            }
        }
    }
}
