namespace AccountAccess.Functions.Notifications;

/// <summary>
/// How the SMTP connection is protected (<c>Email:Smtp:Security</c>). <see cref="None"/> exists for development inboxes
/// (smtp4dev, MailDev, Mailpit) that speak no TLS, and is refused at start-up unless the host is loopback, so no
/// production setting can send a reset link in clear.
/// </summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (port 587: Azure Communication Services).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all: loopback hosts only.</summary>
    None,
}
