using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// Records the forgot-password requests queued, in order, with the time each becomes visible, for a test to handle as the
/// queue function would.
/// </summary>
public sealed class RecordingForgotPasswordQueue(TimeProvider? time = null) : IForgotPasswordQueue
{
    private readonly List<(ForgotPasswordRequest Request, DateTimeOffset VisibleAt)> waiting = [];

    /// <summary>Every request ever queued, in order (taken or not).</summary>
    public List<ForgotPasswordRequest> Queued { get; } = [];

    public Task EnqueueAsync(ForgotPasswordRequest request, CancellationToken cancellationToken) =>
        EnqueueLaterAsync(request, TimeSpan.Zero, cancellationToken);

    public Task EnqueueLaterAsync(ForgotPasswordRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (waiting)
        {
            waiting.Add((request, Now + delay));
            Queued.Add(request);
        }

        return Task.CompletedTask;
    }

    /// <summary>When each request still waiting becomes visible, in the order queued.</summary>
    public IReadOnlyList<(ForgotPasswordRequest Request, DateTimeOffset VisibleAt)> Waiting
    {
        get
        {
            lock (waiting)
            {
                return [.. waiting];
            }
        }
    }

    /// <summary>Removes and returns the requests visible now, as a receive would.</summary>
    public IReadOnlyList<ForgotPasswordRequest> TakeVisible()
    {
        lock (waiting)
        {
            var now = Now;
            var visible = waiting.Where(m => m.VisibleAt <= now).Select(m => m.Request).ToList();
            waiting.RemoveAll(m => m.VisibleAt <= now);
            return visible;
        }
    }

    private DateTimeOffset Now => (time ?? TimeProvider.System).GetUtcNow();
}
