namespace AccountAccess.Core.Notifications;

/// <summary>A text message or a voice call to an E.164 number.</summary>
public sealed record SmsMessage(string To, SmsChannel Channel, string Text);
