using AccountAccess.Core.Notifications;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// Keeps the emails "sent", for assertions, in the order they went out; or, while <see cref="FailWith"/> is set, fails as a
/// mail server would. A test may hold the next send (<see cref="HoldNext"/>) to act while it is on its way, or have the
/// process die during it (<see cref="DieDuringNext"/>).
/// </summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly List<EmailMessage> sent = [];
    private readonly Queue<HeldEmail> holds = [];
    private bool failNext;

    public IReadOnlyList<EmailMessage> Sent
    {
        get
        {
            lock (sent)
            {
                return [.. sent];
            }
        }
    }

    /// <summary>Makes the next send throw (nothing sent), as if the process died before the email left.</summary>
    public void FailNext() => failNext = true;

    /// <summary>What sending throws while set (a mail server that is down).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>
    /// Holds the next send until <see cref="HeldEmail.Release"/>: the email is out only then. Meanwhile the send is
    /// cancelled, like a real one, when its cancellation token fires.
    /// </summary>
    public HeldEmail HoldNext()
    {
        var held = new HeldEmail(diesAfterDelivering: null);
        lock (sent)
        {
            holds.Enqueue(held);
        }

        return held;
    }

    /// <summary>
    /// Makes the process die during the next send: it never returns, whatever its cancellation token says, having put the
    /// email out first when <paramref name="afterDelivering"/> (a death between the send and its record).
    /// </summary>
    public HeldEmail DieDuringNext(bool afterDelivering)
    {
        var held = new HeldEmail(afterDelivering);
        lock (sent)
        {
            holds.Enqueue(held);
        }

        return held;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }

        HeldEmail? held;
        lock (sent)
        {
            if (failNext)
            {
                failNext = false;
                throw new IOException("The mail server is unreachable (test).");
            }

            holds.TryDequeue(out held);
        }

        if (held is { DiesAfterDelivering: { } delivered })
        {
            if (delivered)
            {
                Add(message);
            }

            held.Reach();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }

        if (held is not null)
        {
            held.Reach();
            await held.WaitAsync(cancellationToken);
        }

        Add(message);
    }

    private void Add(EmailMessage message)
    {
        lock (sent)
        {
            sent.Add(message);
        }
    }
}
