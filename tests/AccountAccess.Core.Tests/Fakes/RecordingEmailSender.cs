using AccountAccess.Core.Notifications;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Keeps the emails "sent", for assertions.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly List<EmailMessage> sent = [];

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

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        lock (sent)
        {
            sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
