namespace AccountAccess.Core.Notifications;

/// <summary>
/// Sends SMS and voice messages. The seam for a real provider (Azure Communication Services SMS, Twilio…); locally,
/// JSON files in a pickup folder.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
