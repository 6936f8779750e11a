using System.Diagnostics;
using System.Globalization;
using AccountAccess.Core.Notifications;
using AccountAccess.Functions.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using SmtpReuse;

// N welcome-kit-sized emails, `--concurrency` at a time, through the app's MailKitEmailSender and its pool, then the
// same N with one connection (connect, STARTTLS, login, send, QUIT) per email — what MailKitEmailSender did before
// the pool. Both against the same in-process loopback server: emails/s and connections opened.
//   dotnet run -c Release --project bench/SmtpReuse -- --emails 10000 --concurrency 4 [--security None]
var emails = Option("--emails", 10_000);
var concurrency = Option("--concurrency", 4);
var tls = !args.Contains("None");

await using var server = LoopbackSmtpServer.Start(tls);
var smtp = new SmtpOptions
{
    Host = "127.0.0.1",
    Port = server.Port,
    Security = tls ? SmtpSecurity.StartTls : SmtpSecurity.None,
    TrustedCertificateThumbprint = TrustedCertificate.ThumbprintOf(server.Certificate),
    Username = LoopbackSmtpServer.Username,
    Password = LoopbackSmtpServer.Password,
    MaxConnections = concurrency,
};
Console.WriteLine($"{emails} welcome-kit-sized emails, {concurrency} at a time, {(tls ? "STARTTLS" : "no TLS")} + login, loopback SmtpServer 11.1.0, {Environment.ProcessorCount} cores");

await using (var pool = new SmtpConnectionPool(new SmtpConnector(smtp).ConnectAsync, smtp, TimeProvider.System))
{
    var sender = new MailKitEmailSender(new EmailOptions { Smtp = smtp }, pool, TimeProvider.System, NullLogger<MailKitEmailSender>.Instance);
    await RunAsync("with reuse (pool)", i => sender.SendAsync(WelcomeKit(i), CancellationToken.None));
}

var connector = new SmtpConnector(smtp);
await RunAsync("without reuse (one connection per email)", async i =>
{
    using var client = await connector.ConnectAsync(CancellationToken.None);
    await client.SendAsync(Mime(WelcomeKit(i), smtp.From));
    await client.DisconnectAsync(quit: true);
});

async Task RunAsync(string name, Func<int, Task> send)
{
    var acceptedBefore = server.Accepted;
    var connectionsBefore = server.Connections;
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < emails)
        {
            await send(i);
        }
    })));
    clock.Stop();
    var accepted = server.Accepted - acceptedBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {accepted} emails in {clock.Elapsed.TotalSeconds:F1} s = {accepted / clock.Elapsed.TotalSeconds:F0} emails/s, {server.Connections - connectionsBefore} connections"));
}

static EmailMessage WelcomeKit(int i)
{
    var link = $"https://app.example.test/activate?token={Convert.ToBase64String(BitConverter.GetBytes(i)).TrimEnd('=')}{new string('x', 80)}";
    var lines = new[]
    {
        $"Hello User {i},", "An account has been created for you.", $"Your username: user{i}", "Sign in with the employee portal.",
        "Open this link to choose your password and activate your account:", link,
        "The link works once, until December 2, 2026 at 10:00 (UTC). Only the latest link sent works.",
    };
    var html = "<!DOCTYPE html><html><body>" + string.Concat(lines.Select(l => $"<p>{System.Net.WebUtility.HtmlEncode(l)}</p>")) + "</body></html>";
    return new EmailMessage($"user{i}@example.com", "Welcome: activate your account", string.Join("\n\n", lines), html);
}

static MimeMessage Mime(EmailMessage message, string from)
{
    var mime = new MimeMessage();
    mime.From.Add(MailboxAddress.Parse(from));
    mime.To.Add(MailboxAddress.Parse(message.To));
    mime.Subject = message.Subject;
    mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
    return mime;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
