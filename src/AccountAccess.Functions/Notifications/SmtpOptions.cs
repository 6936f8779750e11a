using System.Globalization;
using System.Net;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Configuration section <c>Email:Smtp</c>. The defaults suit the Azure Communication Services relay: STARTTLS on 587,
/// a few reused connections, and retries that give up within seconds (a queue-driven send is redelivered by its queue
/// for longer outages, so no caller waits minutes in-process).
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>587 with STARTTLS (Azure Communication Services), or 465 for implicit TLS. Defaults to 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// How the connection is protected. Defaults to <see cref="SmtpSecurity.StartTls"/>, or
    /// <see cref="SmtpSecurity.SslOnConnect"/> when <see cref="Port"/> is 465 (the port's standard meaning).
    /// </summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>
    /// SHA-256 thumbprint (hex; colons and spaces ignored) of a server certificate trusted although no authority vouches
    /// for it: a relay inside a private network, or the test server's self-signed certificate. Any other certificate
    /// must still pass the system's checks — there is deliberately no "accept any". Defaults to none.
    /// </summary>
    public string? TrustedCertificateThumbprint { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address. Defaults to no-reply@accountaccess.local.</summary>
    public string From { get; set; } = "AccountAccess <no-reply@accountaccess.local>";

    /// <summary>
    /// Authenticated connections kept open and shared by every sender, so a batch of 10,000 kits pays a handful of
    /// TLS handshakes and logins instead of 10,000. Also the most sends in flight at once. Defaults to 4.
    /// </summary>
    public int MaxConnections { get; set; } = 4;

    /// <summary>A pooled connection unused this long is closed (servers drop idle clients anyway). Defaults to 30 seconds.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one SMTP operation (connect, a command, the message) may take before it counts as a transient failure. Defaults to 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a transient failure (4xx reply, dropped connection, timeout) in-process. Defaults to 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay, doubled for each next one, with jitter: 1 s, 2 s, 4 s on average. Defaults to 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The security in force once the defaults are applied.</summary>
    public SmtpSecurity EffectiveSecurity => Security ?? (Port == 465 ? SmtpSecurity.SslOnConnect : SmtpSecurity.StartTls);

    /// <summary>What makes these settings unusable, naming the key, or null: checked at start-up, not at the first email.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(Host))
        {
            return null;
        }

        if (EffectiveSecurity == SmtpSecurity.None && !IsLoopback(Host))
        {
            return $"Email:Smtp:Security is None but Email:Smtp:Host is {Host}: email without TLS is allowed to a loopback host only (localhost, 127.0.0.1, ::1), so that reset links never cross a network in clear.";
        }

        if (TrustedCertificateThumbprint is { } thumbprint && TrustedCertificate.Normalize(thumbprint) is null)
        {
            return "Email:Smtp:TrustedCertificateThumbprint must be the certificate's SHA-256 thumbprint: 64 hexadecimal digits (colons and spaces allowed).";
        }

        if (Port is < 1 or > 65535)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Email:Smtp:Port is {Port}; it must be 1–65535.");
        }

        if (MaxConnections is < 1 or > 100)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Email:Smtp:MaxConnections is {MaxConnections}; it must be 1–100.");
        }

        if (IdleTimeout <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            return "Email:Smtp:IdleTimeout and Email:Smtp:Timeout must be positive.";
        }

        if (MaxRetries is < 0 or > 10 || RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            return "Email:Smtp:MaxRetries must be 0–10 and Email:Smtp:RetryDelay 0–1 minute: longer outages are the queue's redelivery's to ride out.";
        }

        return null;
    }

    /// <summary>By name or address only, never by resolving: a name that resolves to loopback today may not tomorrow.</summary>
    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
