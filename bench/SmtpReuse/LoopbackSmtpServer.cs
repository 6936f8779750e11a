using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SmtpReuse;

/// <summary>An SMTP server on a free loopback port that counts what it accepts and the connections it was opened, and keeps nothing.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    public const string Username = "bench";
    public const string Password = "bench-password";

    private readonly CancellationTokenSource stop = new();
    private SmtpServer.SmtpServer server = null!;
    private Task running = Task.CompletedTask;
    private int accepted;
    private int connections;

    public int Port { get; private init; }

    public X509Certificate2 Certificate { get; private init; } = null!;

    public int Accepted => Volatile.Read(ref accepted);

    public int Connections => Volatile.Read(ref connections);

    public static LoopbackSmtpServer Start(bool tls)
    {
        var bench = new LoopbackSmtpServer { Port = FreePort(), Certificate = SelfSigned() };
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint =>
        {
            endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, bench.Port)).AuthenticationRequired(true).AllowUnsecureAuthentication(!tls);
            if (tls)
            {
                endpoint.Certificate(bench.Certificate);
            }
        }).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore(bench));
        services.Add(new DelegatingUserAuthenticator((user, password) => user == Username && password == Password));
        bench.server = new SmtpServer.SmtpServer(options, services);
        bench.server.SessionCreated += (_, _) => Interlocked.Increment(ref bench.connections);
        bench.running = bench.server.StartAsync(bench.stop.Token);
        return bench;
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
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.Now.AddMinutes(-5), DateTimeOffset.Now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    private sealed class CountingStore(LoopbackSmtpServer bench) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref bench.accepted);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
