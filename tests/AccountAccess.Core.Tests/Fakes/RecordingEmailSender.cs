using AccountAccess.Core.Notifications;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Keeps the emails "sent", for assertions.</summary>
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

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
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
