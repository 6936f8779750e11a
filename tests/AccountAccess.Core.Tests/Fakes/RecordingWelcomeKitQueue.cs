using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>The welcome-kits queue in memory: messages are recorded with the time they become visible; a test takes the visible ones.</summary>
public sealed class RecordingWelcomeKitQueue(TimeProvider time) : IWelcomeKitQueue
{
    private readonly List<(WelcomeKitRequest Request, DateTimeOffset VisibleAt)> messages = [];

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
                return messages.Count;
            }
        }
    }
}
