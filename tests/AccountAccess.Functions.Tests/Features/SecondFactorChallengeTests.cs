using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// API.md "POST /api/auth/2fa/send": a challenge dies when the password, the second factors or the account's state change
/// after it was opened (<c>challenge_expired</c>), and email is a second factor only where the organization's policy says
/// <c>emailSecondFactor: true</c> (NIST SP 800-63B 5.1.3.1: the mailbox that resets the password cannot also be the
/// second factor).
/// </summary>
public sealed class SecondFactorChallengeTests(SecondFactorChallengeTests.ChallengeApp app) : IClassFixture<SecondFactorChallengeTests.ChallengeApp>
{
    private Api api => app.Api;

    public sealed class ChallengeApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
    }

    [Fact]
    public async Task A_challenge_opened_before_a_password_reset_cannot_be_completed_after_it()
    {
        var (user, secret) = await StaffWithAuthenticatorAsync();
        var challengeId = await ChallengeAsync(user);
        await api.ForgotAndWaitAsync(user.Username, user.Id);
        var token = PickupFolder.TokenIn(await ResetEmailAsync(user));
        (await api.SendAsync(HttpMethod.Post, "/api/password/reset", new { token, newPassword = "Brand-New-Password-42" })).ShouldBe(HttpStatusCode.NoContent);

        var verified = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId, code = Authenticator.NextStepCode(secret) });

        verified.ShouldBeError(HttpStatusCode.BadRequest, "challenge_expired");
    }

    [Fact]
    public async Task A_challenge_opened_before_the_second_factors_were_reset_cannot_be_completed_after_it()
    {
        var (user, secret) = await StaffWithAuthenticatorAsync();
        var challengeId = await ChallengeAsync(user);
        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/2fa", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        var verified = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId, code = Authenticator.NextStepCode(secret) });

        verified.ShouldBeError(HttpStatusCode.BadRequest, "challenge_expired");
    }

    [Fact]
    public async Task Email_is_not_offered_as_a_second_factor_by_default()
    {
        var (user, _) = await StaffWithAuthenticatorAsync();

        var login = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        var challengeId = login.Json!["challengeId"]!.GetValue<string>();
        var sent = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/send", new { challengeId, method = "email" });

        Assert.DoesNotContain("email", login.Json["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        sent.ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        Assert.DoesNotContain(app.Mail.SentTo(user.Email), m => m.Subject == "Your sign-in code");
    }

    [Fact]
    public async Task Email_is_offered_as_a_second_factor_where_the_policy_says_so()
    {
        var (user, _) = await StaffWithAuthenticatorAsync(new { emailSecondFactor = true });

        var login = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        var challengeId = login.Json!["challengeId"]!.GetValue<string>();
        var sent = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/send", new { challengeId, method = "email" });

        Assert.Contains("email", login.Json["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        sent.ShouldBe(HttpStatusCode.Accepted);
        var code = Authenticator.CodeIn((await app.Mail.WaitForAsync(user.Email)).Last().TextBody ?? string.Empty);
        (await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId, code })).ShouldBe(HttpStatusCode.OK);
    }

    private async Task<(TestUser User, string Secret)> StaffWithAuthenticatorAsync(object? policy = null)
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: policy);
        var (secret, _) = await Authenticator.EnrolTotpAsync(api, await api.TokenAsync(user.Username, "employee"));
        return (user, secret);
    }

    /// <summary>The reset email (the holder's other emails, such as "a second factor was added", carry no link).</summary>
    private async Task<MimeKit.MimeMessage> ResetEmailAsync(TestUser user)
    {
        await Eventually.TrueAsync(() => Task.FromResult(app.Mail.SentTo(user.Email).Any(m => m.Subject == "Reset your password")));
        return app.Mail.SentTo(user.Email).Last(m => m.Subject == "Reset your password");
    }

    private async Task<string> ChallengeAsync(TestUser user)
    {
        var login = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_required", login.Json!["status"]!.GetValue<string>());
        return login.Json["challengeId"]!.GetValue<string>();
    }
}
