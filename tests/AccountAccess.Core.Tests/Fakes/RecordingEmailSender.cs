using AccountAccess.Core.Notifications;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Keeps the emails "sent", for assertions; or, while <see cref="FailWith"/> is set, fails as a mail server would.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly List<EmailMessage> sent = [];
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

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }

        lock (sent)
        {
            if (failNext)
            {
                failNext = false;
                throw new IOException("The mail server is unreachable (test).");
            }

            sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
