namespace AccountAccess.Core.Notifications;

/// <summary>How a phone message is delivered.</summary>
public enum SmsChannel
{
    Sms,

    /// <summary>A phone call that reads the text.</summary>
    Voice,
}
