namespace AccountAccess.Functions.Notifications;

/// <summary>Configuration section <c>Email</c>: a pickup folder locally, SMTP (e.g. the Azure Communication Services relay) in production.</summary>
public sealed class EmailOptions
{
    /// <summary>Write each email as an RFC 5322 .eml file in this folder instead of sending it.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}
