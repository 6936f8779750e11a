using AccountAccess.Core.Notifications;
using AccountAccess.Functions.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace AccountAccess.Functions.Tests.Notifications;

/// <summary>
/// <see cref="MailKitEmailSender"/> writing <c>.eml</c> files to <c>Email:PickupDirectory</c>: the files' names sort in the
/// order the emails were written, which is what tests (and a reader of <c>.local/mail/</c>) take as "the last email received".
/// </summary>
public sealed class PickupDirectoryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("accountaccess-pickup-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private MailKitEmailSender Sender(TimeProvider time)
    {
        var options = new EmailOptions { PickupDirectory = directory };
        var pool = new SmtpConnectionPool(new SmtpConnector(options.Smtp).ConnectAsync, options.Smtp, time);
        return new MailKitEmailSender(options, pool, time, NullLogger<MailKitEmailSender>.Instance);
    }

    [Fact]
    public async Task Emails_written_in_the_same_millisecond_sort_in_the_order_they_were_written()
    {
        var sender = Sender(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));

        for (var i = 0; i < 40; i++)
        {
            await sender.SendAsync(new EmailMessage("jean@example.com", $"Email {i}", $"Text {i}", $"<p>{i}</p>"), CancellationToken.None);
        }

        var subjects = Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(file => MimeMessage.Load(file).Subject);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"Email {i}"), subjects);
    }

    [Fact]
    public async Task No_temporary_file_is_left_behind()
    {
        var sender = Sender(TimeProvider.System);

        await sender.SendAsync(new EmailMessage("jean@example.com", "Subject", "Text", "<p>HTML</p>"), CancellationToken.None);

        Assert.Single(Directory.GetFiles(directory));
        Assert.Single(Directory.GetFiles(directory, "*.eml"));
    }
}
