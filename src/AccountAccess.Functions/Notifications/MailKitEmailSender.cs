using AccountAccess.Core.Notifications;
using MimeKit;
using Polly;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Sends emails with MailKit/MimeKit: as .eml files in <c>Email:PickupDirectory</c> when set (local runs and tests), else
/// over SMTP (<c>Email:Smtp:*</c>) on the shared <see cref="SmtpConnectionPool"/>, transient failures retried by
/// <see cref="SmtpRetries"/>. With neither configured, sending fails loudly rather than dropping mail silently; a
/// failure that outlives the retries (or a permanent one) reaches the caller, which records it on the account.
/// </summary>
public sealed class MailKitEmailSender : IEmailSender
{
    private readonly EmailOptions options;
    private readonly SmtpConnectionPool pool;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline retries;

    // Pickup files are named in the order they appear (see WriteToPickupAsync): the sequence taken with the rename.
    private readonly Lock pickupOrder = new();
    private long pickedUp;

    public MailKitEmailSender(EmailOptions options, SmtpConnectionPool pool, TimeProvider time, ILogger<MailKitEmailSender> logger)
    {
        this.options = options;
        this.pool = pool;
        this.time = time;
        retries = SmtpRetries.Pipeline(options.Smtp, time, logger);
    }

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

        await retries.ExecuteAsync(ct => new ValueTask(pool.SendAsync(mime, ct)), cancellationToken);
    }

    // Written under a temporary name and then renamed, so a reader never sees half a message. The final name is taken
    // as the file appears — the time to the millisecond, then a sequence, under one lock — so sorting the names gives the
    // order in which the emails arrived, even for two written in the same millisecond (the order a mailbox shows them in,
    // which is what "the last email received" means to the person reading it).
    private async Task WriteToPickupAsync(MimeMessage mime, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $"{Guid.NewGuid():N}.tmp");
        await mime.WriteToAsync(temporary, cancellationToken);
        lock (pickupOrder)
        {
            var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{++pickedUp:D10}-{Guid.NewGuid():N}.eml";
            File.Move(temporary, Path.Combine(directory, name));
        }
    }
}
