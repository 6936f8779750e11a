using AccountAccess.Functions.Notifications;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace AccountAccess.Functions.Tests.Notifications;

/// <summary>
/// <see cref="SmtpConnectionPool"/> against a real SMTP server on loopback: connections reused, bounded, replaced when
/// the server drops one, and closed once idle (on a fake clock).
/// </summary>
public sealed class SmtpConnectionPoolTests
{
    private static SmtpConnectionPool Pool(SmtpTestServer server, TimeProvider? time = null, int maxConnections = 4, TimeSpan? idleTimeout = null)
    {
        var options = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Security = SmtpSecurity.None,
            Username = SmtpTestServer.Username,
            Password = SmtpTestServer.Password,
            MaxConnections = maxConnections,
            IdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(5),
        };
        return new SmtpConnectionPool(new SmtpConnector(options).ConnectAsync, options, time ?? TimeProvider.System);
    }

    private static MimeMessage Message(int number)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("no-reply@accountaccess.test"));
        message.To.Add(MailboxAddress.Parse($"user{number}@example.com"));
        message.Subject = $"Message {number}";
        message.Body = new TextPart("plain") { Text = "Hello" };
        return message;
    }

    [Fact]
    public async Task Twenty_emails_one_after_another_share_one_connection()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var pool = Pool(server);

        for (var i = 0; i < 20; i++)
        {
            await pool.SendAsync(Message(i), CancellationToken.None);
        }

        Assert.Equal(20, server.Received.Count);
        Assert.Equal(1, server.Connections);
        Assert.Equal(1, pool.Opened);
    }

    [Fact]
    public async Task Forty_emails_at_once_use_no_more_connections_than_allowed()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var pool = Pool(server, maxConnections: 2);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => pool.SendAsync(Message(i), CancellationToken.None)));

        Assert.Equal(40, server.Received.Count);
        Assert.InRange(server.Connections, 1, 2);
    }

    [Fact]
    public async Task A_connection_the_server_dropped_while_idle_is_replaced_without_failing_the_email()
    {
        // The server's idle timeout applies to every session, the replacement's too: long enough that a loaded machine's
        // pauses between the commands of one send never reach it (300 ms did, once, under a load average of 35).
        await using var server = await SmtpTestServer.StartAsync(sessionTimeout: TimeSpan.FromSeconds(2));
        await using var pool = Pool(server);
        await pool.SendAsync(Message(1), CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(server.OpenConnections == 0), TimeSpan.FromSeconds(30));

        await pool.SendAsync(Message(2), CancellationToken.None);

        Assert.Equal(2, server.Received.Count);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task A_connection_dropped_mid_send_is_not_given_back_to_the_pool()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var pool = Pool(server);
        await pool.SendAsync(Message(1), CancellationToken.None);
        server.FailNext(2, SmtpFault.DropConnection);

        await Assert.ThrowsAnyAsync<Exception>(() => pool.SendAsync(Message(2), CancellationToken.None));
        await pool.SendAsync(Message(3), CancellationToken.None);

        Assert.Equal(2, server.Received.Count);
        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_once_the_idle_timeout_has_passed()
    {
        var time = new FakeTimeProvider();
        await using var server = await SmtpTestServer.StartAsync();
        await using var pool = Pool(server, time, idleTimeout: TimeSpan.FromSeconds(30));
        await pool.SendAsync(Message(1), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, pool.Idle);

        time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(0, pool.Idle);
        await Eventually.TrueAsync(() => Task.FromResult(server.OpenConnections == 0), TimeSpan.FromSeconds(10));
    }
}
