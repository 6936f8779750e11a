using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// API.md "Two-factor enrolment", step-up rule, attacked with a stolen access token: a token alone neither replaces nor
/// adds a second factor (the password again, ASVS 3.7.1), a phone is a factor only once a code sent to it comes back, and
/// a wrong step-up password counts as a failed sign-in of the account (same lockout).
/// </summary>
public sealed class StepUpTests(StepUpTests.StepUpApp app) : IClassFixture<StepUpTests.StepUpApp>
{
    private const string WrongPassword = "Wrong-Password-123";

    private Api api => app.Api;

    public sealed class StepUpApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            // The lock of these tests must hold while they look at it.
            ["Lockouts__DurationOverride"] = "00:10:00",
        };
    }

    [Fact]
    public async Task A_stolen_access_token_cannot_guess_the_password_without_limit()
    {
        var (user, token) = await SignedInStaffAsync();
        await Authenticator.EnrolTotpAsync(api, token);

        for (var guess = 0; guess < 12; guess++)
        {
            var reply = await api.SendAsync(HttpMethod.Delete, "/api/account/2fa", new { password = $"{WrongPassword}-{guess}" }, bearer: token);
            Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        }

        var account = (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK).Json!;
        Assert.Equal("deactivated", account["status"]!.GetValue<string>());
        Assert.Equal("too_many_attempts", account["deactivation"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_enrolled_authenticator_cannot_be_replaced_with_a_token_alone()
    {
        var (user, token) = await SignedInStaffAsync();
        var (secret, _) = await Authenticator.EnrolTotpAsync(api, token);

        var withoutPassword = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", bearer: token);
        var wrongPassword = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", new { password = WrongPassword }, bearer: token);

        withoutPassword.ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("password", withoutPassword.Details!["field"]!.GetValue<string>());
        wrongPassword.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.DoesNotContain("secret", withoutPassword.Body + wrongPassword.Body, StringComparison.Ordinal);
        await Authenticator.SignInWithTotpAsync(api, user.Username, secret);
    }

    [Fact]
    public async Task With_the_password_again_the_authenticator_is_replaced_and_the_old_one_stops_working()
    {
        var (user, token) = await SignedInStaffAsync();
        var (oldSecret, _) = await Authenticator.EnrolTotpAsync(api, token);

        var (newSecret, _) = await Authenticator.EnrolTotpAsync(api, token, Api.Password);

        var challenge = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK).Json!["challengeId"]!.GetValue<string>();
        (await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId = challenge, code = Authenticator.NextStepCode(oldSecret) }))
            .ShouldBeError(HttpStatusCode.BadRequest, "invalid_code");
        await Authenticator.SignInWithTotpAsync(api, user.Username, newSecret);
    }

    [Fact]
    public async Task A_phone_nobody_proved_to_hold_is_not_a_second_factor()
    {
        var (user, token) = await SignedInStaffAsync();
        var phone = Authenticator.UniquePhone();

        var added = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone", new { phone }, bearer: token);

        added.ShouldBe(HttpStatusCode.Accepted);
        var login = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", login.Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_phone_becomes_a_second_factor_once_the_code_sent_to_it_is_confirmed()
    {
        var (user, token) = await SignedInStaffAsync();
        var phone = Authenticator.UniquePhone();
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone", new { phone }, bearer: token)).ShouldBe(HttpStatusCode.Accepted);
        var code = Authenticator.CodeIn(Assert.Single(await app.Sms.WaitForAsync(phone)).Text);

        var confirmed = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone/confirm", new { code }, bearer: token);

        confirmed.ShouldBe(HttpStatusCode.NoContent);
        var login = (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_required", login.Json!["status"]!.GetValue<string>());
        Assert.Contains("sms", login.Json["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task A_phone_cannot_be_added_beside_an_authenticator_with_a_token_alone()
    {
        var (_, token) = await SignedInStaffAsync();
        await Authenticator.EnrolTotpAsync(api, token);
        var phone = Authenticator.UniquePhone();

        var reply = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone", new { phone }, bearer: token);

        reply.ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("password", reply.Details!["field"]!.GetValue<string>());
        Assert.Empty(app.Sms.SentTo(phone));
    }

    private async Task<(TestUser User, string Token)> SignedInStaffAsync()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        return (user, await api.TokenAsync(user.Username, "employee"));
    }
}
