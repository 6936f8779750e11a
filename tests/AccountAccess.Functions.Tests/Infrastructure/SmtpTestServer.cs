using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer library, in-process) that keeps what it receives, parsed with MimeKit,
/// and counts connections. Told to, it answers <c>451</c>, hangs up or refuses for the next N messages
/// (<see cref="FailNext"/>). With a certificate it offers STARTTLS; with a username it requires a login.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Username = "smtp-test-user";
    public const string Password = "smtp-test-password";

    private readonly ConcurrentQueue<ReceivedEmail> received = new();
    private readonly ConcurrentQueue<SmtpFault> faults = new();
    private readonly CancellationTokenSource stop = new();
    private SmtpServer.SmtpServer server = null!;
    private Task running = Task.CompletedTask;
    private int connections;
    private int closed;
    private int attempts;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Connections opened to this server so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Connections open right now.</summary>
    public int OpenConnections => Volatile.Read(ref connections) - Volatile.Read(ref closed);

    /// <summary>Messages sent to this server, accepted or not (a 451 counts, as a retry must send again).</summary>
    public int Attempts => Volatile.Read(ref attempts);

    public IReadOnlyList<ReceivedEmail> Received => received.ToList();

    /// <summary>
    /// Starts on a free loopback port; STARTTLS offered with <paramref name="certificate"/>; a login required with
    /// <paramref name="requireLogin"/>; a connection silent for <paramref name="sessionTimeout"/> closed by the server.
    /// </summary>
    public static Task<SmtpTestServer> StartAsync(X509Certificate2? certificate = null, bool requireLogin = true, TimeSpan? sessionTimeout = null)
    {
        var test = new SmtpTestServer(FreePort());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, test.Port))
                    .AuthenticationRequired(requireLogin)
                    .AllowUnsecureAuthentication(certificate is null)
                    .SessionTimeout(sessionTimeout ?? TimeSpan.FromMinutes(2));
                if (certificate is not null)
                {
                    endpoint.Certificate(certificate);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(test));
        services.Add(new DelegatingUserAuthenticator((user, password) => user == Username && password == Password));
        test.server = new SmtpServer.SmtpServer(options, services);
        test.server.SessionCreated += (_, _) => Interlocked.Increment(ref test.connections);
        test.server.SessionCompleted += (_, _) => Interlocked.Increment(ref test.closed);
        test.server.SessionFaulted += (_, _) => Interlocked.Increment(ref test.closed);
        test.server.SessionCancelled += (_, _) => Interlocked.Increment(ref test.closed);
        test.running = test.server.StartAsync(test.stop.Token);
        return Task.FromResult(test);
    }

    /// <summary>The next <paramref name="count"/> messages meet <paramref name="fault"/> instead of being accepted.</summary>
    public void FailNext(int count, SmtpFault fault)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue(fault);
        }
    }

    /// <summary>The app's settings for this server: SMTP on loopback, no pickup folder (an empty value overrides it), the test login.</summary>
    public Dictionary<string, string?> AppSettings(string security = "None", string? trustedThumbprint = null) => new()
    {
        ["Email__PickupDirectory"] = string.Empty,
        ["Email__Smtp__Host"] = "127.0.0.1",
        ["Email__Smtp__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email__Smtp__Security"] = security,
        ["Email__Smtp__TrustedCertificateThumbprint"] = trustedThumbprint,
        ["Email__Smtp__Username"] = Username,
        ["Email__Smtp__Password"] = Password,
        ["Email__Smtp__From"] = "AccountAccess Tests <no-reply@accountaccess.test>",
        ["Email__Smtp__RetryDelay"] = "00:00:00.050",
    };

    /// <summary>The emails to <paramref name="address"/> received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> SentTo(string address) =>
        received.Select(r => r.Message)
            .Where(m => m.To.Mailboxes.Any(box => string.Equals(box.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>Waits (bounded) until <paramref name="address"/> has at least <paramref name="count"/> emails, and returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<MimeMessage> found = [];
        await Eventually.TrueAsync(() =>
        {
            found = SentTo(address);
            return Task.FromResult(found.Count >= count);
        }, timeout);
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        server.Shutdown();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Keeps each message, or meets it with the next fault.</summary>
    private sealed class Store(SmtpTestServer test) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref test.attempts);
            if (test.faults.TryDequeue(out var fault))
            {
                switch (fault)
                {
                    case SmtpFault.TryAgainLater:
                        return new SmtpResponse((SmtpReplyCode)451, "4.3.0 Try again later");
                    case SmtpFault.MailboxUnavailable:
                        return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 Mailbox unavailable");
                    case SmtpFault.DropConnection:
                        await context.Pipe.Input.CompleteAsync();
                        await context.Pipe.Output.CompleteAsync();
                        context.Pipe.Dispose();
                        throw new OperationCanceledException("The test server hangs up.");
                }
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
            test.received.Enqueue(new ReceivedEmail(message, user, context.Pipe.IsSecure));
            return SmtpResponse.Ok;
        }
    }
}
