using AccountAccess.Functions.Notifications;

namespace AccountAccess.Functions.Tests.Notifications;

/// <summary><c>Email:Smtp</c>: the documented defaults, and the settings refused at start-up.</summary>
public sealed class SmtpOptionsTests
{
    [Fact]
    public void The_defaults_are_STARTTLS_on_587_four_connections_and_three_retries_from_one_second()
    {
        var options = new SmtpOptions();

        Assert.Equal(587, options.Port);
        Assert.Null(options.Security);
        Assert.Equal(SmtpSecurity.StartTls, options.EffectiveSecurity);
        Assert.Equal(4, options.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(30), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Null(options.TrustedCertificateThumbprint);
    }

    [Fact]
    public void Port_465_means_TLS_on_connect_unless_said_otherwise()
    {
        Assert.Equal(SmtpSecurity.SslOnConnect, new SmtpOptions { Port = 465 }.EffectiveSecurity);
        Assert.Equal(SmtpSecurity.StartTls, new SmtpOptions { Port = 465, Security = SmtpSecurity.StartTls }.EffectiveSecurity);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.1")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public void Email_in_clear_is_allowed_to_a_loopback_host(string host) =>
        Assert.Null(new SmtpOptions { Host = host, Security = SmtpSecurity.None }.Problem());

    [Theory]
    [InlineData("smtp.azurecomm.net")]
    [InlineData("10.0.0.5")]
    [InlineData("localhost.example.com")]
    public void Email_in_clear_to_any_other_host_is_refused_naming_the_settings(string host)
    {
        var problem = new SmtpOptions { Host = host, Security = SmtpSecurity.None }.Problem();

        Assert.NotNull(problem);
        Assert.Contains("Email:Smtp:Security", problem, StringComparison.Ordinal);
        Assert.Contains(host, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TLS_to_any_host_is_fine() =>
        Assert.Null(new SmtpOptions { Host = "smtp.azurecomm.net" }.Problem());

    [Fact]
    public void No_host_means_no_SMTP_and_nothing_to_check() =>
        Assert.Null(new SmtpOptions { Security = SmtpSecurity.None }.Problem());

    [Theory]
    [InlineData("not a thumbprint")]
    [InlineData("A94A8FE5CCB19BA61C4C0873D391E987982FBBD3")]
    public void A_trusted_certificate_must_be_named_by_its_SHA_256_thumbprint(string thumbprint)
    {
        var problem = new SmtpOptions { Host = "127.0.0.1", TrustedCertificateThumbprint = thumbprint }.Problem();

        Assert.Contains("Email:Smtp:TrustedCertificateThumbprint", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SHA_256_thumbprint_may_be_written_with_colons_in_any_case() =>
        Assert.Null(new SmtpOptions
        {
            Host = "127.0.0.1",
            TrustedCertificateThumbprint = string.Join(':', Enumerable.Repeat("ab", 32)),
        }.Problem());

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 11)]
    [InlineData(4, -1)]
    public void Pool_and_retry_counts_out_of_range_are_refused(int maxConnections, int maxRetries) =>
        Assert.NotNull(new SmtpOptions { Host = "127.0.0.1", MaxConnections = maxConnections, MaxRetries = maxRetries }.Problem());
}
