namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>One SMS or voice message as the app writes it in <c>Sms:PickupDirectory</c>; <see cref="Channel"/> is <c>sms</c> or <c>voice</c>.</summary>
public sealed record SmsFile(string To, string Channel, string Text);
