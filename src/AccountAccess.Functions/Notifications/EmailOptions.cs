namespace AccountAccess.Functions.Notifications;

/// <summary>Configuration section <c>Email</c>: a pickup folder locally, SMTP (e.g. the Azure Communication Services relay) in production.</summary>
public sealed class EmailOptions
{
    /// <summary>Write each email as an RFC 5322 .eml file in this folder instead of sending it.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>Configuration section <c>Email:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>587 with STARTTLS (Azure Communication Services), or 465 for implicit TLS. Defaults to 587.</summary>
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address. Defaults to no-reply@accountaccess.local.</summary>
    public string From { get; set; } = "AccountAccess <no-reply@accountaccess.local>";
}
