namespace AccountAccess.Core.Notifications;

/// <summary>Sends emails (SMTP, or .eml files in a pickup folder locally).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
