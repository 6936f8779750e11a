using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;
using MimeKit;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// API.md "Notifications to the holder" (ASVS 2.2.3, 2.5.x): the holder is emailed, in their language, about every
/// sensitive change and every lock — what happened, when, from which IP, and what to do if it was not them — and each
/// email is audited <c>notification_sent</c>. Read back from the app's pickup folder; the SMTP path is in
/// <see cref="SmtpEmailTests"/>.
/// </summary>
public sealed class HolderNotificationTests(HolderNotificationTests.NotificationApp app) : IClassFixture<HolderNotificationTests.NotificationApp>
{
    private const string NewPassword = "Fresh-Lighthouse-Password-8";

    private Api api => app.Api;

    public sealed class NotificationApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Lockouts__DurationOverride"] = "00:10:00",
        };
    }

    [Fact]
    public async Task A_password_changed_by_its_holder_is_told_to_the_holder_with_the_ip_it_came_from()
    {
        var (user, token) = await SignedInStaffAsync();

        (await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = NewPassword }, bearer: token, forwardedFor: "203.0.113.31"))
            .ShouldBe(HttpStatusCode.NoContent);

        var email = await NotificationAsync(user, "Your password was changed");
        Assert.Contains("203.0.113.31", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("If this was not you", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_through_an_emailed_link_is_told_to_the_holder()
    {
        var (user, _) = await SignedInStaffAsync();
        await api.ForgotAndWaitAsync(user.Username, user.Id);
        var token = PickupFolder.TokenIn((await NotificationAsync(user, "Reset your password")));

        (await api.SendAsync(HttpMethod.Post, "/api/password/reset", new { token, newPassword = NewPassword }, forwardedFor: "203.0.113.32")).ShouldBe(HttpStatusCode.NoContent);

        var email = await NotificationAsync(user, "Your password was changed");
        Assert.Contains("reset link", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("203.0.113.32", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_set_by_an_administrator_is_told_to_the_holder()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator", unitIds: [unitId]);
        var token = await api.TokenAsync(administrator.Username, "management");

        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/password", new { newPassword = NewPassword }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        var email = await NotificationAsync(user, "Your password was changed");
        Assert.Contains("by an administrator", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_password_is_told_to_the_holder_without_the_password()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(organizationId, role: "client");

        var issued = (await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/temporary-password", asOperator: true)).ShouldBe(HttpStatusCode.OK);

        var email = await NotificationAsync(client, "Your password was changed");
        Assert.Contains("temporary", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Json!["temporaryPassword"]!.GetValue<string>(), email.TextBody + email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_the_main_email_is_told_to_the_old_address_and_the_new_one()
    {
        var (user, _) = await SignedInStaffAsync();
        var newEmail = Api.Unique("moved") + "@example.com";

        (await api.SendAsync(HttpMethod.Patch, $"/api/users/{user.Id}", new { email = newEmail }, asOperator: true, forwardedFor: "203.0.113.33")).ShouldBe(HttpStatusCode.OK);

        var toOld = await NotificationAsync(user, "Your email address was changed");
        var toNew = Assert.Single(await app.Mail.WaitForAsync(newEmail), m => m.Subject == "Your email address was changed");
        Assert.Contains(newEmail[0] + "***@example.com", toOld.TextBody, StringComparison.Ordinal);
        Assert.Contains("203.0.113.33", toNew.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_factor_added_is_told_to_the_holder()
    {
        var (user, token) = await SignedInStaffAsync();

        await Authenticator.EnrolTotpAsync(api, token);

        var email = await NotificationAsync(user, "A second factor was added to your account");
        Assert.Contains("authenticator app", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_factor_turned_off_is_told_to_the_holder()
    {
        var (user, token) = await SignedInStaffAsync();
        await Authenticator.EnrolTotpAsync(api, token);

        (await api.SendAsync(HttpMethod.Delete, "/api/account/2fa", new { password = Api.Password }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        await NotificationAsync(user, "Your second factors were removed");
    }

    [Fact]
    public async Task Second_factors_reset_by_an_administrator_are_told_to_the_holder()
    {
        var (user, token) = await SignedInStaffAsync();
        await Authenticator.EnrolTotpAsync(api, token);

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/2fa", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var email = await NotificationAsync(user, "Your second factors were removed");
        Assert.Contains("by an administrator", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_used_is_told_to_the_holder_with_how_many_are_left()
    {
        var (user, token) = await SignedInStaffAsync();
        var (_, recoveryCodes) = await Authenticator.EnrolTotpAsync(api, token);
        var challengeId = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK).Json!["challengeId"]!.GetValue<string>();

        (await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId, recoveryCode = recoveryCodes[0] })).ShouldBe(HttpStatusCode.OK);

        var email = await NotificationAsync(user, "A recovery code was used");
        Assert.Contains("9 recovery codes left", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_deactivated_after_too_many_wrong_passwords_is_told_to_the_holder_with_who_can_reactivate_it()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 2 });

        for (var i = 0; i < 2; i++)
        {
            await api.LoginAsync(user.Username, "Wrong-Password-123", forwardedFor: "203.0.113.34");
        }

        var email = await NotificationAsync(user, "Your account was deactivated");
        Assert.Contains("too many wrong passwords", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("203.0.113.34", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("supervisor or administrator", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_set_by_an_attacker_is_told_to_the_holder_who_still_signs_in_on_a_trusted_device_and_gets_the_generic_answer_elsewhere()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 3 });
        var phone = await api.TrustedDeviceAsync(user.Username, forwardedFor: "198.51.100.35");
        for (var i = 0; i < 3; i++)
        {
            await api.LoginAsync(user.Username, "Wrong-Password-123", forwardedFor: "203.0.113.35");
        }

        var email = await NotificationAsync(user, "Your account was deactivated");
        var onPhone = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.35", deviceToken: phone);
        var onNewLaptop = await api.LoginAsync(user.Username, forwardedFor: "198.51.100.36");

        Assert.Contains("203.0.113.35", email.TextBody, StringComparison.Ordinal);
        onPhone.ShouldBe(HttpStatusCode.OK);
        onNewLaptop.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Each_notification_is_on_the_holders_audit_trail()
    {
        var (user, token) = await SignedInStaffAsync();

        (await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = NewPassword }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        await NotificationAsync(user, "Your password was changed");
        await Eventually.TrueAsync(async () => (await api.EventsAsync(user.Id)).Any(e =>
            e!["action"]!.GetValue<string>() == "notification_sent" && e["reason"]?.GetValue<string>() == "password_changed"));
    }

    [Fact]
    public async Task A_holder_whose_language_is_french_is_told_in_french()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var user = await api.CreateUserAsync(organizationId, unitIds: [await api.CreateUnitAsync(organizationId)], extra: new { locale = "fr" });
        var token = await api.TokenAsync(user.Username, "employee");

        (await api.SendAsync(HttpMethod.Post, "/api/password/change", new { currentPassword = Api.Password, newPassword = NewPassword }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        var email = await NotificationAsync(user, "Votre mot de passe a été modifié");
        Assert.Contains("Si ce n'était pas vous", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passkey_added_is_told_to_the_holder_by_its_name()
    {
        var (user, token) = await SignedInStaffAsync();
        using var authenticator = new SoftwareAuthenticator(PasskeyCeremonies.Origin);

        await api.RegisterPasskeyAsync(token, authenticator, "Work laptop");

        var email = await NotificationAsync(user, "A passkey was added to your account");
        Assert.Contains("\"Work laptop\"", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("If this was not you", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passkey_removed_is_told_to_the_holder()
    {
        var (user, token) = await SignedInStaffAsync();
        using var authenticator = new SoftwareAuthenticator(PasskeyCeremonies.Origin);
        var id = (await api.RegisterPasskeyAsync(token, authenticator, "Old phone"))["id"]!.GetValue<string>();

        (await api.SendAsync(HttpMethod.Delete, $"/api/account/passkeys/{id}", new { password = Api.Password }, bearer: token, forwardedFor: "203.0.113.36"))
            .ShouldBe(HttpStatusCode.NoContent);

        var email = await NotificationAsync(user, "A passkey was removed from your account");
        Assert.Contains("\"Old phone\"", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("203.0.113.36", email.TextBody, StringComparison.Ordinal);
    }

    private async Task<(TestUser User, string Token)> SignedInStaffAsync()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        return (user, await api.TokenAsync(user.Username, "employee"));
    }

    /// <summary>The one email with <paramref name="subject"/> the holder received, waited for.</summary>
    private async Task<MimeMessage> NotificationAsync(TestUser user, string subject)
    {
        await Eventually.TrueAsync(() => Task.FromResult(app.Mail.SentTo(user.Email).Any(m => m.Subject == subject)), TimeSpan.FromSeconds(10));
        return Assert.Single(app.Mail.SentTo(user.Email), m => m.Subject == subject);
    }
}
