using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AccountAccess.Functions.Tests.Infrastructure;
using OtpNet;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// API.md "Sign-in" with a second factor over HTTP against the real app: TOTP enrolment and sign-in (codes computed from
/// the returned secret with Otp.NET), SMS and voice codes read from the SMS pickup folder, recovery codes, disabling and
/// resetting, the enrolment an organization requires, and suspicious activity. Each test uses its own phone number, as
/// the pickup folder is shared by the class.
/// </summary>
public sealed partial class TwoFactorFunctionsTests(TwoFactorFunctionsTests.TwoFactorApp app) : IClassFixture<TwoFactorFunctionsTests.TwoFactorApp>
{
    private Api api => app.Api;

    public sealed class TwoFactorApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
    }

    [Fact]
    public async Task An_authenticator_app_is_enrolled_then_asked_for_at_sign_in_and_each_code_works_once()
    {
        var (user, token) = await SignedInStaffAsync();

        var started = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", bearer: token);
        started.ShouldBe(HttpStatusCode.OK);
        var secret = started.Json!["secret"]!.GetValue<string>();
        Assert.StartsWith("otpauth://totp/", started.Json["otpauthUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<svg", started.Json["qrCodeSvg"]!.GetValue<string>(), StringComparison.Ordinal);

        var confirmed = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp/confirm", new { code = Totp(secret).ComputeTotp() }, bearer: token);
        confirmed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(10, confirmed.Json!["recoveryCodes"]!.AsArray().Count);

        var login = await api.LoginAsync(user.Username);
        login.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_required", login.Json!["status"]!.GetValue<string>());
        var methods = login.Json["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains("totp", methods);
        Assert.DoesNotContain("email", methods); // not a second factor unless the policy says so
        Assert.Contains("recovery_code", methods);
        Assert.Null(login.Json["accessToken"]);

        // The confirmation used the current time step; the next one (one step of drift is accepted) is fresh.
        var code = NextStepCode(secret);
        var verified = await VerifyAsync(login.Json["challengeId"]!.GetValue<string>(), code);
        ShouldBeSignedIn(verified);

        ShouldBeRefused(await VerifyAsync(await ChallengeAsync(user), code), "reused");
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_the_challenge_stays_open()
    {
        var (user, token) = await SignedInStaffAsync();
        var secret = await EnrolTotpAsync(token);
        var challengeId = await ChallengeAsync(user);

        ShouldBeRefused(await VerifyAsync(challengeId, WrongCodeFor(secret)), "wrong");
        ShouldBeSignedIn(await VerifyAsync(challengeId, NextStepCode(secret)));
    }

    [Fact]
    public async Task A_code_sent_by_SMS_to_the_enrolled_phone_signs_in()
    {
        var (user, token) = await SignedInStaffAsync();
        var phone = UniquePhone();
        await EnrolPhoneAsync(token, phone);

        var login = await api.LoginAsync(user.Username);
        Assert.Equal("two_factor_required", login.Json!["status"]!.GetValue<string>());
        var methods = login.Json["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains("sms", methods);
        Assert.Contains("voice", methods);
        var challengeId = login.Json["challengeId"]!.GetValue<string>();

        (await SendCodeAsync(challengeId, "sms")).ShouldBe(HttpStatusCode.Accepted);

        var message = Assert.Single(await SignInCodesAsync(phone));
        Assert.Equal("sms", message.Channel);
        ShouldBeSignedIn(await VerifyAsync(challengeId, CodeIn(message.Text)));
    }

    [Fact]
    public async Task A_second_code_supersedes_the_first()
    {
        var (user, phone) = await StaffWithPhoneAsync();
        var challengeId = await ChallengeAsync(user);

        (await SendCodeAsync(challengeId, "sms")).ShouldBe(HttpStatusCode.Accepted);
        var first = CodeIn((await SignInCodesAsync(phone, 1))[0].Text);
        (await SendCodeAsync(challengeId, "sms")).ShouldBe(HttpStatusCode.Accepted);
        var second = CodeIn((await SignInCodesAsync(phone, 2))[1].Text);
        Assert.NotEqual(first, second); // one chance in a million of the same code twice

        ShouldBeRefused(await VerifyAsync(challengeId, first), "superseded");
        ShouldBeSignedIn(await VerifyAsync(challengeId, second));
    }

    [Fact]
    public async Task A_challenge_sends_at_most_five_codes()
    {
        var (user, phone) = await StaffWithPhoneAsync();
        var challengeId = await ChallengeAsync(user);
        for (var i = 0; i < 5; i++)
        {
            (await SendCodeAsync(challengeId, "sms")).ShouldBe(HttpStatusCode.Accepted);
        }

        (await SendCodeAsync(challengeId, "sms")).ShouldBeError(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.Equal(5, SignInCodes(phone).Count);
    }

    [Fact]
    public async Task A_verified_challenge_cannot_be_used_again()
    {
        var (user, phone) = await StaffWithPhoneAsync();
        var challengeId = await ChallengeAsync(user);
        (await SendCodeAsync(challengeId, "sms")).ShouldBe(HttpStatusCode.Accepted);
        var code = CodeIn((await SignInCodesAsync(phone))[0].Text);
        ShouldBeSignedIn(await VerifyAsync(challengeId, code));

        (await VerifyAsync(challengeId, code)).ShouldBeError(HttpStatusCode.BadRequest, "challenge_expired");
        (await SendCodeAsync(challengeId, "sms")).ShouldBeError(HttpStatusCode.BadRequest, "challenge_expired");
    }

    [Fact]
    public async Task A_voice_call_reads_the_digits_one_by_one()
    {
        var (user, phone) = await StaffWithPhoneAsync();
        var challengeId = await ChallengeAsync(user);

        (await SendCodeAsync(challengeId, "voice")).ShouldBe(HttpStatusCode.Accepted);

        var call = Assert.Single(await SignInCodesAsync(phone));
        Assert.Equal("voice", call.Channel);
        Assert.DoesNotMatch(SixDigits(), call.Text);
        var spoken = SpokenDigits().Match(call.Text);
        Assert.True(spoken.Success, call.Text);
        ShouldBeSignedIn(await VerifyAsync(challengeId, spoken.Value.Replace(", ", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (user, token) = await SignedInStaffAsync();
        var confirmed = await EnrolTotpWithRecoveryCodesAsync(token);
        var recoveryCode = confirmed[3];

        ShouldBeSignedIn(await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId = await ChallengeAsync(user), recoveryCode }));

        var again = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId = await ChallengeAsync(user), recoveryCode });
        ShouldBeRefused(again, "reused");
    }

    [Fact]
    public async Task Disabling_needs_the_password_then_sign_in_no_longer_asks_for_a_second_factor()
    {
        var (user, token) = await SignedInStaffAsync();
        await EnrolTotpAsync(token);

        var wrong = await api.SendAsync(HttpMethod.Delete, "/api/account/2fa", new { password = "Not-The-Password-1" }, bearer: token);
        wrong.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal("two_factor_required", (await api.LoginAsync(user.Username)).Json!["status"]!.GetValue<string>());

        (await api.SendAsync(HttpMethod.Delete, "/api/account/2fa", new { password = Api.Password }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        ShouldBeSignedIn(await api.LoginAsync(user.Username));
    }

    [Fact]
    public async Task An_administrator_resets_a_members_second_factor()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();
        await EnrolPhoneAsync(await api.TokenAsync(user.Username, "employee"), UniquePhone());
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        var administratorToken = await api.TokenAsync(administrator.Username, "management");
        Assert.Equal("two_factor_required", (await api.LoginAsync(user.Username)).Json!["status"]!.GetValue<string>());

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/2fa", bearer: administratorToken)).ShouldBe(HttpStatusCode.NoContent);

        ShouldBeSignedIn(await api.LoginAsync(user.Username));
    }

    [Fact]
    public async Task Neither_a_supervisor_nor_another_organizations_administrator_resets_a_second_factor()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        await EnrolPhoneAsync(await api.TokenAsync(user.Username, "employee"), UniquePhone());
        var supervisor = await api.CreateUserAsync(organizationId, role: "manager", unitIds: [unitId], permissions: ["user_management"]);
        var outsider = await api.CreateUserAsync(await api.CreateOrganizationAsync(), role: "administrator");

        var bySupervisor = await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/2fa", bearer: await api.TokenAsync(supervisor.Username, "management"));
        var byOutsider = await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/2fa", bearer: await api.TokenAsync(outsider.Username, "management"));

        bySupervisor.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        byOutsider.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("two_factor_required", (await api.LoginAsync(user.Username)).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_code_that_confirmed_the_authenticator_cannot_be_replayed_at_sign_in()
    {
        var (user, token) = await SignedInStaffAsync();
        var started = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", bearer: token);
        var secret = started.Json!["secret"]!.GetValue<string>();
        var code = Totp(secret).ComputeTotp();
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp/confirm", new { code }, bearer: token)).ShouldBe(HttpStatusCode.OK);

        ShouldBeRefused(await VerifyAsync(await ChallengeAsync(user), code), "reused");
    }

    [Fact]
    public async Task The_operator_resets_a_users_second_factor()
    {
        var (user, token) = await SignedInStaffAsync();
        await EnrolTotpAsync(token);

        (await api.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}/2fa", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        ShouldBeSignedIn(await api.LoginAsync(user.Username));
    }

    [Fact]
    public async Task An_organization_that_requires_a_second_factor_sends_a_user_without_one_to_enrolment()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { requireTwoFactor = true });

        var login = await api.LoginAsync(user.Username);
        login.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_enrollment_required", login.Json!["status"]!.GetValue<string>());
        Assert.Null(login.Json["accessToken"]);
        Assert.NotNull(login.Json["enrollmentTokenExpiresAt"]);
        var enrollmentToken = login.Json["enrollmentToken"]!.GetValue<string>();

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", bearer: enrollmentToken)).ShouldBe(HttpStatusCode.Unauthorized);

        var secret = await EnrolTotpAsync(enrollmentToken);
        var challengeId = await ChallengeAsync(user);
        ShouldBeSignedIn(await VerifyAsync(challengeId, NextStepCode(secret)));
    }

    [Fact]
    public async Task Ten_wrong_codes_deactivate_the_account_for_suspicious_activity_and_tell_the_primary_contact()
    {
        var contact = Api.Unique("contact") + "@example.com";
        var organizationId = await api.CreateOrganizationAsync(primaryContactEmail: contact);
        var unitId = await api.CreateUnitAsync(organizationId);
        var user = await api.CreateUserAsync(organizationId, unitIds: [unitId]);
        await EnrolPhoneAsync(await api.TokenAsync(user.Username, "employee"), UniquePhone());

        await EnterTenWrongCodesAsync(user);

        var login = await api.LoginAsync(user.Username);
        login.ShouldBeError(HttpStatusCode.Forbidden, "account_deactivated");
        Assert.Equal("suspicious_activity", login.Details!["reason"]!.GetValue<string>());

        var alert = Assert.Single(await app.Mail.WaitForAsync(contact));
        Assert.Contains(user.Username, alert.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_administrator_reactivates_an_account_deactivated_for_suspicious_activity()
    {
        var (organizationId, unitId, user) = await api.CreateStaffAsync();
        await EnrolPhoneAsync(await api.TokenAsync(user.Username, "employee"), UniquePhone());
        var supervisor = await api.CreateUserAsync(organizationId, role: "manager", unitIds: [unitId], permissions: ["user_management"]);
        var administrator = await api.CreateUserAsync(organizationId, role: "administrator");
        await EnterTenWrongCodesAsync(user);

        var bySupervisor = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/reactivate", bearer: await api.TokenAsync(supervisor.Username, "management"));
        bySupervisor.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        var byAdministrator = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/reactivate", bearer: await api.TokenAsync(administrator.Username, "management"));
        byAdministrator.ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal("two_factor_required", (await api.LoginAsync(user.Username)).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_reactivation_one_mistyped_code_does_not_deactivate_the_account_again()
    {
        var (user, _) = await StaffWithPhoneAsync();
        await EnterTenWrongCodesAsync(user);
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/reactivate", asOperator: true)).ShouldBe(HttpStatusCode.NoContent);

        ShouldBeRefused(await VerifyAsync(await ChallengeAsync(user), "000000"), "wrong");

        var login = await api.LoginAsync(user.Username);
        login.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_required", login.Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_diagnosis_of_an_account_deactivated_for_suspicious_activity_says_only_an_administrator_can_reactivate_it()
    {
        var (user, _) = await StaffWithPhoneAsync();
        await EnterTenWrongCodesAsync(user);

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.False(diagnosis["canSignIn"]!.GetValue<bool>());
        var blocker = Blockers.Single(diagnosis, "account_deactivated");
        Assert.Equal("suspicious_activity", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Null(blocker["details"]!["until"]);
        Assert.Equal("ask_administrator_to_reactivate", blocker["remedyCode"]!.GetValue<string>());
        Assert.Contains("Only an administrator", blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Two challenges of five wrong codes each (the fifth ends a challenge): the account is deactivated.</summary>
    private async Task EnterTenWrongCodesAsync(TestUser user)
    {
        for (var challenge = 0; challenge < 2; challenge++)
        {
            var challengeId = await ChallengeAsync(user);
            for (var i = 0; i < 4; i++)
            {
                ShouldBeRefused(await VerifyAsync(challengeId, "000000"), "wrong");
            }

            (await VerifyAsync(challengeId, "000000")).ShouldBeError(HttpStatusCode.BadRequest, "challenge_expired");
        }
    }

    private async Task<(TestUser User, string Token)> SignedInStaffAsync()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        return (user, await api.TokenAsync(user.Username, "employee"));
    }

    private async Task<(TestUser User, string Phone)> StaffWithPhoneAsync()
    {
        var (user, token) = await SignedInStaffAsync();
        var phone = UniquePhone();
        await EnrolPhoneAsync(token, phone);
        return (user, phone);
    }

    /// <summary>Enrols a phone as API.md says: a code sent to it (202), then that code back (204).</summary>
    private async Task EnrolPhoneAsync(string bearer, string phone)
    {
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone", new { phone }, bearer: bearer)).ShouldBe(HttpStatusCode.Accepted);
        var confirmation = Assert.Single(await app.Sms.WaitForAsync(phone), m => m.Text.Contains("confirm this phone", StringComparison.Ordinal));
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/phone/confirm", new { code = CodeIn(confirmation.Text) }, bearer: bearer)).ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>The sign-in codes sent to <paramref name="phone"/> (not the one that confirmed it at enrolment), oldest first.</summary>
    private IReadOnlyList<SmsFile> SignInCodes(string phone) =>
        app.Sms.SentTo(phone).Where(m => !m.Text.Contains("confirm this phone", StringComparison.Ordinal)).ToList();

    private async Task<IReadOnlyList<SmsFile>> SignInCodesAsync(string phone, int count = 1)
    {
        await Eventually.TrueAsync(() => Task.FromResult(SignInCodes(phone).Count >= count));
        return SignInCodes(phone);
    }

    /// <summary>Enrols an authenticator app confirmed with the current step's code; returns the base32 secret.</summary>
    private async Task<string> EnrolTotpAsync(string bearer)
    {
        var started = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", bearer: bearer);
        started.ShouldBe(HttpStatusCode.OK);
        var secret = started.Json!["secret"]!.GetValue<string>();
        (await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp/confirm", new { code = Totp(secret).ComputeTotp() }, bearer: bearer)).ShouldBe(HttpStatusCode.OK);
        return secret;
    }

    private async Task<string[]> EnrolTotpWithRecoveryCodesAsync(string bearer)
    {
        var started = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp", bearer: bearer);
        var secret = started.Json!["secret"]!.GetValue<string>();
        var confirmed = await api.SendAsync(HttpMethod.Post, "/api/account/2fa/totp/confirm", new { code = Totp(secret).ComputeTotp() }, bearer: bearer);
        confirmed.ShouldBe(HttpStatusCode.OK);
        return confirmed.Json!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
    }

    private async Task<string> ChallengeAsync(TestUser user)
    {
        var login = await api.LoginAsync(user.Username);
        login.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("two_factor_required", login.Json!["status"]!.GetValue<string>());
        return login.Json["challengeId"]!.GetValue<string>();
    }

    private Task<Reply> SendCodeAsync(string challengeId, string method) =>
        api.SendAsync(HttpMethod.Post, "/api/auth/2fa/send", new { challengeId, method });

    private Task<Reply> VerifyAsync(string challengeId, string code) =>
        api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify", new { challengeId, code });

    private static void ShouldBeSignedIn(Reply reply)
    {
        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", reply.Json!["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(reply.Json["accessToken"]?.GetValue<string>()), reply.Body);
        Assert.StartsWith("dvt_", reply.Json["deviceToken"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
    }

    private static void ShouldBeRefused(Reply reply, string reason)
    {
        reply.ShouldBeError(HttpStatusCode.BadRequest, "invalid_code");
        Assert.Equal(reason, reply.Details!["reason"]!.GetValue<string>());
    }

    private static Totp Totp(string secret) => new(Base32Encoding.ToBytes(secret));

    /// <summary>The code of the next 30-second step: fresh after a confirmation or sign-in in the current step.</summary>
    private static string NextStepCode(string secret) => Totp(secret).ComputeTotp(DateTime.UtcNow.AddSeconds(30));

    /// <summary>A six-digit code the authenticator does not produce around now.</summary>
    private static string WrongCodeFor(string secret)
    {
        var now = DateTime.UtcNow;
        var valid = Enumerable.Range(-2, 5).Select(s => Totp(secret).ComputeTotp(now.AddSeconds(30 * s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    private static string UniquePhone() => "+1514555" + RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static string CodeIn(string text) => SixDigits().Match(text) is { Success: true } match
        ? match.Value
        : throw new Xunit.Sdk.XunitException($"No six-digit code in: {text}");

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"\d(, \d){5}")]
    private static partial Regex SpokenDigits();
}
