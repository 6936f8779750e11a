using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using MimeKit;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Every kind of email the product sends, through the SMTP path end to end: the real app on its own Azurite, configured
/// with no pickup folder and a real SMTP server on loopback (<see cref="SmtpTestServer"/>, login required, no TLS — the
/// setting a local inbox uses), each email read back from what the server received: headers, both parts, the links,
/// French and English. The STARTTLS path of the app is <see cref="SmtpStartTlsTests"/>; rotation here runs with passwords
/// that live 6 s (reminder 3 s before).
/// </summary>
public sealed class SmtpEmailTests(SmtpEmailTests.SmtpApp app) : IClassFixture<SmtpEmailTests.SmtpApp>
{
    private const string PublicBaseUrl = "https://app.example.test";

    private Api api => app.Api;

    private SmtpTestServer smtp => app.Smtp;

    public sealed class SmtpApp : IsolatedApp
    {
        public SmtpTestServer Smtp { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Smtp.AppSettings())
        {
            ["Links__PublicBaseUrl"] = PublicBaseUrl,
            ["Passwords__ResetLinkLifetime"] = "00:01:00",
            ["Passwords__MaxAgeOverride"] = "00:00:06",
            ["Passwords__ReminderLeadOverride"] = "00:00:03",
            ["Billing__ReactivationDelay"] = "00:00:02",
        };

        protected override async Task BeforeStartAsync() => Smtp = await SmtpTestServer.StartAsync();

        protected override ValueTask AfterStopAsync() => Smtp.DisposeAsync();
    }

    private static object NoRotation => new { passwordMaxAgeDays = 0 };

    [Theory]
    [InlineData("en", "Reset your password", "You asked to reset your password")]
    [InlineData("fr", "Réinitialisez votre mot de passe", "Vous avez demandé à réinitialiser votre mot de passe")]
    public async Task A_reset_link_arrives_over_SMTP_in_the_users_language_and_its_link_works(string locale, string subject, string words)
    {
        var organizationId = await api.CreateOrganizationAsync(NoRotation);
        var user = await api.CreateUserAsync(organizationId, unitIds: [await api.CreateUnitAsync(organizationId)], extra: new { locale });

        (await api.SendAsync(HttpMethod.Post, "/api/password/forgot", new { login = user.Username })).ShouldBe(HttpStatusCode.Accepted);

        var email = Assert.Single(await smtp.WaitForAsync(user.Email));
        ShouldBeWellFormed(email, user.Email, subject);
        Assert.Contains(words, email.TextBody, StringComparison.Ordinal);
        var link = LinkInBothParts(email, "/reset-password?token=");
        (await api.SendAsync(HttpMethod.Post, "/api/password/reset", new { token = TokenOf(link), newPassword = "Amber-Lighthouse-77" }))
            .ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("en", "Welcome: activate your account", "Your username: ")]
    [InlineData("fr", "Bienvenue : activez votre compte", "Votre nom d'utilisateur : ")]
    public async Task A_welcome_kit_arrives_over_SMTP_with_the_username_and_the_activation_link(string locale, string subject, string usernameLine)
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync(policy: NoRotation);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null, extra: new { locale });

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/welcome-kit", asOperator: true)).ShouldBe(HttpStatusCode.Accepted);

        var email = Assert.Single(await smtp.WaitForAsync(user.Email));
        ShouldBeWellFormed(email, user.Email, subject);
        Assert.Contains(usernameLine + user.Username, email.TextBody, StringComparison.Ordinal);
        LinkInBothParts(email, "/activate?token=");
    }

    [Fact]
    public async Task A_batch_of_welcome_kits_goes_out_over_SMTP_one_email_each()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync(policy: NoRotation);
        var pending = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            pending.Add(await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null));
        }

        (await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/welcome-kits", new { }, asOperator: true)).ShouldBe(HttpStatusCode.Accepted);

        foreach (var user in pending)
        {
            ShouldBeWellFormed(Assert.Single(await smtp.WaitForAsync(user.Email, timeout: TimeSpan.FromSeconds(30))), user.Email, "Welcome: activate your account");
        }
    }

    [Theory]
    [InlineData("en", "Your password expires soon", "Your password expires on")]
    [InlineData("fr", "Votre mot de passe expire bientôt", "Votre mot de passe expire le")]
    public async Task A_rotation_reminder_arrives_over_SMTP_before_the_password_expires(string locale, string subject, string words)
    {
        var organizationId = await api.CreateOrganizationAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [await api.CreateUnitAsync(organizationId)], extra: new { locale });

        var reminder = (await smtp.WaitForAsync(user.Email, timeout: TimeSpan.FromSeconds(30)))[0];

        ShouldBeWellFormed(reminder, user.Email, subject);
        Assert.Contains(words, reminder.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_billing_suspension_and_the_restoring_payment_reach_billing_people_over_SMTP_in_their_languages()
    {
        var contact = Api.Unique("contact") + "@example.com";
        var organizationId = await api.CreateOrganizationAsync(NoRotation, primaryContactEmail: contact);
        var unitId = await api.CreateUnitAsync(organizationId);
        var administrator = await api.CreateUserAsync(organizationId, "administrator", [unitId]);
        var frenchManager = await api.CreateUserAsync(organizationId, "manager", [unitId], permissions: ["billing"], extra: new { locale = "fr" });

        (await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"))).ShouldBe(HttpStatusCode.OK);
        (await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_2"))).ShouldBe(HttpStatusCode.OK);

        ShouldBeWellFormed(Assert.Single(await smtp.WaitForAsync(administrator.Email)), administrator.Email, "Access suspended");
        ShouldBeWellFormed(Assert.Single(await smtp.WaitForAsync(frenchManager.Email)), frenchManager.Email, "Accès suspendu");
        var toContact = Assert.Single(await smtp.WaitForAsync(contact));
        ShouldBeWellFormed(toContact, contact, "Accès suspendu");
        Assert.Contains("est suspendu", toContact.TextBody, StringComparison.Ordinal);
        Assert.Contains("Access for", toContact.TextBody, StringComparison.Ordinal);

        await api.PostBillingEventAsync(Api.BillingEvent("invoice.paid", organizationId, "inv_1"));

        var restored = await smtp.WaitForAsync(administrator.Email, count: 2, timeout: TimeSpan.FromSeconds(30));
        ShouldBeWellFormed(restored[1], administrator.Email, "Access restored");
    }

    [Fact]
    public async Task A_suspicious_activity_alert_reaches_the_primary_contact_over_SMTP_in_both_languages()
    {
        var contact = Api.Unique("contact") + "@example.com";
        var organizationId = await api.CreateOrganizationAsync(NoRotation, primaryContactEmail: contact);
        var user = await api.CreateUserAsync(organizationId, unitIds: [await api.CreateUnitAsync(organizationId)]);
        var token = await api.TokenAsync(user.Username, "employee");
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone", new { phone = "+15145550199" }, bearer: token)).ShouldBe(HttpStatusCode.Accepted);
        var confirmation = (await app.Sms.WaitForAsync("+15145550199")).Last();
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone/confirm", new { code = Authenticator.CodeIn(confirmation.Text) }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        for (var challenge = 0; challenge < 2; challenge++)
        {
            var challengeId = (await api.LoginAsync(user.Username)).Json!["challengeId"]!.GetValue<string>();
            for (var i = 0; i < 5; i++)
            {
                await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId, code = "000000" });
            }
        }

        var alert = Assert.Single(await smtp.WaitForAsync(contact));
        ShouldBeWellFormed(alert, contact, "Activité suspecte / Suspicious activity");
        Assert.Contains("a été désactivé", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("was deactivated", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains(user.Username, alert.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_451_from_the_relay_is_retried_and_the_welcome_kit_still_arrives_once()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync(policy: NoRotation);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        smtp.FailNext(2, SmtpFault.TryAgainLater);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/welcome-kit", asOperator: true);

        reply.ShouldBe(HttpStatusCode.Accepted);
        Assert.Single(smtp.SentTo(user.Email));
    }

    [Fact]
    public async Task A_refused_recipient_is_not_retried_and_is_recorded_on_the_account()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync(policy: NoRotation);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        smtp.FailNext(1, SmtpFault.MailboxUnavailable);
        var attemptsBefore = smtp.Attempts;

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/welcome-kit", asOperator: true);

        reply.ShouldBeError(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(attemptsBefore + 1, smtp.Attempts);
        Assert.Equal(1, await api.CountEventsAsync(user.Id, "reset_link_not_sent"));
    }

    [Theory]
    [InlineData("en", "Your password was changed", "If this was not you")]
    [InlineData("fr", "Votre mot de passe a été modifié", "Si ce n'était pas vous")]
    public async Task A_password_change_is_told_to_the_holder_over_SMTP_in_their_language(string locale, string subject, string words)
    {
        var organizationId = await api.CreateOrganizationAsync(NoRotation);
        var user = await api.CreateUserAsync(organizationId, unitIds: [await api.CreateUnitAsync(organizationId)], extra: new { locale });
        var token = await api.TokenAsync(user.Username, "employee");

        (await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = "Amber-Lighthouse-78" }, bearer: token, forwardedFor: "203.0.113.90"))
            .ShouldBe(HttpStatusCode.NoContent);

        var notice = Assert.Single(await smtp.WaitForAsync(user.Email));
        ShouldBeWellFormed(notice, user.Email, subject);
        Assert.Contains(words, notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("203.0.113.90", notice.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_the_relay_refuses_leaves_the_change_made_and_says_so_on_the_trail()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: NoRotation);
        var token = await api.TokenAsync(user.Username, "employee");
        smtp.FailNext(1, SmtpFault.MailboxUnavailable);

        var changed = await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = "Amber-Lighthouse-79" }, bearer: token);

        changed.ShouldBe(HttpStatusCode.NoContent);
        (await api.LoginAsync(user.Username, "Amber-Lighthouse-79")).ShouldBe(HttpStatusCode.OK);
        var notSent = (await api.EventsAsync(user.Id)).Single(e => e!["action"]!.GetValue<string>() == "notification_not_sent")!;
        Assert.Equal("delivery_failed", notSent["reason"]!.GetValue<string>());
        Assert.Equal("password_changed", notSent["details"]!["kind"]!.GetValue<string>());
    }

    /// <summary>What every email must carry: the configured sender, the recipient, a date, a message id, both parts; sent after a login.</summary>
    private void ShouldBeWellFormed(MimeMessage email, string to, string subjectStart)
    {
        Assert.StartsWith(subjectStart, email.Subject, StringComparison.Ordinal);
        Assert.Equal("no-reply@accountaccess.test", Assert.Single(email.From.Mailboxes).Address);
        Assert.Equal(to, Assert.Single(email.To.Mailboxes).Address, ignoreCase: true);
        Assert.True(email.Date > DateTimeOffset.UtcNow.AddMinutes(-5), $"Date: {email.Date}");
        Assert.False(string.IsNullOrEmpty(email.MessageId));
        Assert.False(string.IsNullOrWhiteSpace(email.TextBody));
        Assert.StartsWith("<!DOCTYPE html>", email.HtmlBody, StringComparison.Ordinal);
        Assert.All(smtp.Received.Where(r => r.Message.MessageId == email.MessageId), r => Assert.Equal(SmtpTestServer.Username, r.User));
    }

    /// <summary>The full link, in the text part and as the HTML part's anchor.</summary>
    private static string LinkInBothParts(MimeMessage email, string path)
    {
        var link = PickupFolder.LinkIn(email);
        Assert.StartsWith(PublicBaseUrl + path, link, StringComparison.Ordinal);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", email.HtmlBody, StringComparison.Ordinal);
        return link;
    }

    private static string TokenOf(string link) =>
        Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
}
