using AccountAccess.Core.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Sends emails with MailKit/MimeKit: as .eml files in <c>Email:PickupDirectory</c> when set (local runs and tests), else
/// over SMTP (<c>Email:Smtp:*</c>). With neither configured, sending fails loudly rather than dropping mail silently.
/// </summary>
public sealed class MailKitEmailSender(EmailOptions options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.Smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Date = time.GetUtcNow();
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();

        if (!string.IsNullOrEmpty(options.PickupDirectory))
        {
            await WriteToPickupAsync(mime, options.PickupDirectory, cancellationToken);
            return;
        }

        if (string.IsNullOrEmpty(options.Smtp.Host))
        {
            throw new InvalidOperationException("No email delivery is configured: set Email:PickupDirectory or Email:Smtp:Host.");
        }

        using var smtp = new SmtpClient();
        var security = options.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await smtp.ConnectAsync(options.Smtp.Host, options.Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Smtp.Username))
        {
            await smtp.AuthenticateAsync(options.Smtp.Username, options.Smtp.Password ?? string.Empty, cancellationToken);
        }

        await smtp.SendAsync(mime, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }

    // Written under a temporary name and then renamed, so a reader never sees half a message.
    private async Task WriteToPickupAsync(MimeMessage mime, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(directory, name + ".tmp");
        await mime.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(directory, name + ".eml"));
    }
}
