using MailKit.Net.Smtp;
using MailKit.Security;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Opens one SMTP connection as <c>Email:Smtp:*</c> says — TLS as <see cref="SmtpOptions.EffectiveSecurity"/> demands
/// (STARTTLS must succeed: MailKit's <see cref="SecureSocketOptions.StartTls"/>, never <c>StartTlsWhenAvailable</c>),
/// the server's certificate checked by <see cref="TrustedCertificate"/>, then the login.
/// </summary>
public sealed class SmtpConnector(SmtpOptions options)
{
    private readonly TrustedCertificate trust = new(options.TrustedCertificateThumbprint);

    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient
        {
            Timeout = (int)options.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = trust.Validate,
        };
        try
        {
            var security = options.EffectiveSecurity switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
