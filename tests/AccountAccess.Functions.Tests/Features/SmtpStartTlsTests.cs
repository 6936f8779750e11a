using System.Net;
using System.Security.Cryptography.X509Certificates;
using AccountAccess.Functions.Notifications;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The app's default security, STARTTLS, against a server whose self-signed certificate (made here for 127.0.0.1 and
/// localhost) the app trusts through <c>Email:Smtp:TrustedCertificateThumbprint</c>, the way a private relay is trusted.
/// </summary>
public sealed class SmtpStartTlsTests(SmtpStartTlsTests.StartTlsApp app) : IClassFixture<SmtpStartTlsTests.StartTlsApp>
{
    public sealed class StartTlsApp : IsolatedApp
    {
        private X509Certificate2 certificate = null!;

        public SmtpTestServer Smtp { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings =>
            Smtp.AppSettings(security: "StartTls", trustedThumbprint: TrustedCertificate.ThumbprintOf(certificate));

        protected override async Task BeforeStartAsync()
        {
            certificate = TestCertificate.ForLoopback();
            Smtp = await SmtpTestServer.StartAsync(certificate);
        }

        protected override async ValueTask AfterStopAsync()
        {
            await Smtp.DisposeAsync();
            certificate.Dispose();
        }
    }

    [Fact]
    public async Task A_welcome_kit_goes_out_under_STARTTLS_to_a_server_whose_certificate_the_settings_trust()
    {
        var (organizationId, unitId, _) = await app.Api.CreateStaffAsync(policy: new { passwordMaxAgeDays = 0 });
        var user = await app.Api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);

        (await app.Api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/welcome-kit", asOperator: true)).ShouldBe(HttpStatusCode.Accepted);

        await app.Smtp.WaitForAsync(user.Email);
        var received = Assert.Single(app.Smtp.Received, r => r.Message.To.Mailboxes.Any(m => m.Address == user.Email));
        Assert.True(received.Secure, "The session was not under TLS.");
        Assert.Equal(SmtpTestServer.Username, received.User);
    }
}
