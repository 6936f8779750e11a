using AccountAccess.Core.Notifications;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Keeps the SMS and voice messages "sent", for assertions.</summary>
public sealed class RecordingSmsSender : ISmsSender
{
    private readonly List<SmsMessage> sent = [];

    public IReadOnlyList<SmsMessage> Sent
    {
        get
        {
            lock (sent)
            {
                return [.. sent];
            }
        }
    }

    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        lock (sent)
        {
            sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
