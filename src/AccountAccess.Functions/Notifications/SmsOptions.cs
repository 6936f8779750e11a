namespace AccountAccess.Functions.Notifications;

/// <summary>Configuration section <c>Sms</c>.</summary>
public sealed class SmsOptions
{
    /// <summary>Write each SMS or voice message as a JSON file <c>{"to","channel","text"}</c> in this folder.</summary>
    public string? PickupDirectory { get; set; }
}
