using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Sorts SMTP failures into those worth another try and those that will fail the same way again (RFC 5321 §4.2.1:
/// 4yz is a transient negative completion, 5yz a permanent one). A permanent failure is not retried: it is recorded
/// on the account, where support sees it.
/// </summary>
public static class SmtpFailures
{
    public static bool IsTransient(Exception failure) => failure switch
    {
        // "451 try again later", "421 closing", "450 mailbox busy" — and never 5xx: "550 no such user" stays refused.
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        // A certificate that is not trusted, or a login that is refused, is configuration: retrying cannot fix it.
        SslHandshakeException or AuthenticationException => false,
        // The server hung up mid-conversation (MailKit: "unexpectedly disconnected"), or never answered in time.
        SmtpProtocolException or ServiceNotConnectedException or TimeoutException or SocketException or IOException => true,
        _ => false,
    };
}
