using AccountAccess.Core.Notifications;
using AccountAccess.Functions.Notifications;
using AccountAccess.Functions.Tests.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountAccess.Functions.Tests.Notifications;

/// <summary>
/// <see cref="MailKitEmailSender"/> over SMTP against a real server on loopback (<see cref="SmtpTestServer"/>): security
/// modes, the trusted certificate, retries of transient failures (451, a dropped connection) and none of permanent ones.
/// Retry delays are shrunk to milliseconds; <see cref="SmtpRetriesTests"/> checks the delays themselves on a fake clock.
/// </summary>
public sealed class SmtpDeliveryTests
{
    private static readonly EmailMessage Message = new("jean@example.com", "Subject", "Text body", "<p>HTML body</p>");

    private static async Task<(MailKitEmailSender Sender, SmtpConnectionPool Pool)> SenderAsync(SmtpTestServer server, Action<SmtpOptions>? configure = null)
    {
        var options = new EmailOptions
        {
            Smtp = new SmtpOptions
            {
                Host = "127.0.0.1",
                Port = server.Port,
                Security = SmtpSecurity.None,
                Username = SmtpTestServer.Username,
                Password = SmtpTestServer.Password,
                RetryDelay = TimeSpan.FromMilliseconds(10),
                Timeout = TimeSpan.FromSeconds(10),
            },
        };
        configure?.Invoke(options.Smtp);
        var pool = new SmtpConnectionPool(new SmtpConnector(options.Smtp).ConnectAsync, options.Smtp, TimeProvider.System);
        await Task.CompletedTask;
        return (new MailKitEmailSender(options, pool, TimeProvider.System, NullLogger<MailKitEmailSender>.Instance), pool);
    }

    [Fact]
    public async Task An_email_arrives_with_both_parts_after_a_login()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var (sender, pool) = await SenderAsync(server);
        await using var _ = pool;

        await sender.SendAsync(Message, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal(SmtpTestServer.Username, received.User);
        Assert.False(received.Secure);
        Assert.Equal("Subject", received.Message.Subject);
        Assert.Equal("Text body", received.Message.TextBody?.Trim());
        Assert.Equal("<p>HTML body</p>", received.Message.HtmlBody?.Trim());
    }

    [Fact]
    public async Task STARTTLS_succeeds_with_the_self_signed_certificate_the_settings_trust()
    {
        using var certificate = TestCertificate.ForLoopback();
        await using var server = await SmtpTestServer.StartAsync(certificate);
        var (sender, pool) = await SenderAsync(server, smtp =>
        {
            smtp.Security = SmtpSecurity.StartTls;
            smtp.TrustedCertificateThumbprint = TrustedCertificate.ThumbprintOf(certificate);
        });
        await using var _ = pool;

        await sender.SendAsync(Message, CancellationToken.None);

        Assert.True(Assert.Single(server.Received).Secure);
    }

    [Fact]
    public async Task A_certificate_nobody_trusts_is_refused_once_and_nothing_is_sent()
    {
        using var certificate = TestCertificate.ForLoopback();
        await using var server = await SmtpTestServer.StartAsync(certificate);
        var (sender, pool) = await SenderAsync(server, smtp => smtp.Security = SmtpSecurity.StartTls);
        await using var _ = pool;

        await Assert.ThrowsAsync<SslHandshakeException>(() => sender.SendAsync(Message, CancellationToken.None));

        Assert.Empty(server.Received);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task STARTTLS_is_insisted_on_a_server_that_does_not_offer_it()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var (sender, pool) = await SenderAsync(server, smtp => smtp.Security = SmtpSecurity.StartTls);
        await using var _ = pool;

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Message, CancellationToken.None));

        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Two_451_replies_are_retried_and_the_third_attempt_delivers()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.FailNext(2, SmtpFault.TryAgainLater);
        var (sender, pool) = await SenderAsync(server);
        await using var _ = pool;

        await sender.SendAsync(Message, CancellationToken.None);

        Assert.Equal(3, server.Attempts);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_on_a_new_one()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.FailNext(1, SmtpFault.DropConnection);
        var (sender, pool) = await SenderAsync(server);
        await using var _ = pool;

        await sender.SendAsync(Message, CancellationToken.None);

        Assert.Single(server.Received);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task A_relay_that_keeps_answering_451_fails_the_send_after_the_retries()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.FailNext(10, SmtpFault.TryAgainLater);
        var (sender, pool) = await SenderAsync(server, smtp => smtp.MaxRetries = 2);
        await using var _ = pool;

        var failure = await Assert.ThrowsAsync<SmtpCommandException>(() => sender.SendAsync(Message, CancellationToken.None));

        Assert.Equal(451, (int)failure.StatusCode);
        Assert.Equal(3, server.Attempts);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_550_refusal_is_permanent_and_not_retried()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.FailNext(1, SmtpFault.MailboxUnavailable);
        var (sender, pool) = await SenderAsync(server);
        await using var _ = pool;

        var failure = await Assert.ThrowsAsync<SmtpCommandException>(() => sender.SendAsync(Message, CancellationToken.None));

        Assert.Equal(550, (int)failure.StatusCode);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task A_wrong_password_is_permanent_and_not_retried()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var (sender, pool) = await SenderAsync(server, smtp => smtp.Password = "wrong");
        await using var _ = pool;

        await Assert.ThrowsAsync<AuthenticationException>(() => sender.SendAsync(Message, CancellationToken.None));

        Assert.Equal(1, server.Connections);
    }
}
