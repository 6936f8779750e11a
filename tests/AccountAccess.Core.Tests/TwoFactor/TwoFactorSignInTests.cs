using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.TwoFactor;

public partial class TwoFactorSignInTests
{
    private const string Password = "violet-harbour-42";
    private const string RecoveryCodeText = "k7qm2-x9t4p";
    private const string PrimaryContact = "contact@org-a.example";

    private static readonly PasswordHashing Hashing = new(1000);
    private static readonly string PasswordHash = Hashing.Hash(Password);

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly InMemoryOrganizationStore organizations = new();
    private readonly InMemoryChallengeStore challenges = new();
    private readonly RecordingEmailSender email = new();
    private readonly RecordingSmsSender sms = new();
    private readonly SecretProtector secrets = new(RandomNumberGenerator.GetBytes(32));
    private readonly byte[] totpSecret = AuthenticatorApp.NewSecret();
    private readonly SignInHandler signIn;
    private readonly TwoFactorSignIn twoFactor;

    public TwoFactorSignInTests()
    {
        organizations.Add(Organization("org_a") with { PrimaryContactEmail = PrimaryContact });
        users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")).WithPassword(PasswordHash) with
        {
            TwoFactor = new TwoFactorEnrollment
            {
                EncryptedTotpSecret = secrets.Protect(totpSecret, "usr_jean"),
                TotpConfirmedAt = Start,
                Phone = "+15145550100",
                RecoveryCodes = [new RecoveryCode(OneTimeCodes.Hash(RecoveryCodeText, "usr_jean"))],
            },
        });

        var updater = new UserUpdater(users, time);
        var settings = new TwoFactorSettings();
        signIn = new SignInHandler(users, organizations, Hashing, new FakeAccessTokenIssuer(), updater, new LockoutSettings(), new PasswordSettings(), challenges, settings, time);
        var failures = new SecondFactorFailures(users, organizations, updater, email, time);
        var passkeys = new PasskeyAssertions(updater, new RelyingParty(new PasskeySettings(), new PasswordSettings()), failures, time);
        twoFactor = new TwoFactorSignIn(users, organizations, challenges, updater, signIn, secrets, new RecoveryCodeHasher(secrets.DeriveKey("recovery codes")), email, sms, settings, time,
            failures, passkeys);
    }

    [Fact]
    public async Task Signing_in_with_the_password_asks_for_the_second_factor_with_the_enrolled_methods()
    {
        var result = await SignInAsync();

        var required = Assert.IsType<SignedIn.TwoFactorRequired>(result.Value);
        Assert.Equal([TwoFactorMethod.Totp, TwoFactorMethod.Sms, TwoFactorMethod.Voice, TwoFactorMethod.RecoveryCode], required.Methods);
        Assert.Equal(Start + TimeSpan.FromMinutes(10), required.Challenge.ExpiresAt);
    }

    [Fact]
    public async Task Email_is_a_second_factor_only_where_the_organizations_policy_says_so()
    {
        organizations.Add(Organization("org_a", OrganizationPolicy.Default with { EmailSecondFactor = true }));

        var required = Assert.IsType<SignedIn.TwoFactorRequired>((await SignInAsync()).Value);

        Assert.Contains(TwoFactorMethod.Email, required.Methods);
    }

    [Fact]
    public async Task Email_is_no_second_factor_for_a_member_of_an_organization_that_does_not_allow_it()
    {
        organizations.Add(Organization("org_a", OrganizationPolicy.Default with { EmailSecondFactor = true }));
        organizations.Add(Organization("org_b"));
        users.Add(users["usr_jean"] with { Memberships = [Member("org_a", Role.Employee, "unit_1"), Member("org_b", Role.Client)] });

        var required = Assert.IsType<SignedIn.TwoFactorRequired>((await SignInAsync()).Value);

        Assert.DoesNotContain(TwoFactorMethod.Email, required.Methods);
    }

    [Fact]
    public async Task No_code_goes_by_email_where_email_is_not_a_second_factor()
    {
        var challengeId = await ChallengeAsync();

        var sent = await twoFactor.SendAsync(challengeId, TwoFactorMethod.Email, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, sent.Failure?.Code);
        Assert.Empty(email.Sent);
    }

    [Fact]
    public async Task A_challenge_dies_when_the_password_changes_after_it_was_opened()
    {
        var challengeId = await ChallengeAsync();
        users.Add(users["usr_jean"].WithNewSecurityStamp() with { Password = new StoredPassword(PasswordHash, time.GetUtcNow(), Temporary: false) });

        var verified = await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        Assert.Equal(ErrorCode.ChallengeExpired, verified.Failure?.Code);
    }

    [Fact]
    public async Task A_challenge_dies_when_a_second_factor_is_replaced_after_it_was_opened()
    {
        var challengeId = await ChallengeAsync();
        var jean = users["usr_jean"];
        users.Add(jean with { TwoFactor = jean.TwoFactor with { Phone = "+15145550199" } });

        var sent = await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None);
        var verified = await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        Assert.Equal(ErrorCode.ChallengeExpired, sent.Failure?.Code);
        Assert.Empty(sms.Sent);
        Assert.Equal(ErrorCode.ChallengeExpired, verified.Failure?.Code);
    }

    [Fact]
    public async Task A_challenge_dies_when_the_account_is_locked_and_reactivated_after_it_was_opened()
    {
        var challengeId = await ChallengeAsync();
        var jean = users["usr_jean"];
        users.Add(jean.WithNewSecurityStamp() with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator) });
        users.Add(users["usr_jean"] with { Deactivation = null });

        var verified = await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        // Reactivated, but a lock came between the password and the code: prove the password again.
        Assert.Equal(ErrorCode.ChallengeExpired, verified.Failure?.Code);
    }

    [Fact]
    public async Task A_TOTP_code_is_accepted_once()
    {
        var code = AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow());

        var first = await VerifyAsync(await ChallengeAsync(), code);
        var again = await VerifyAsync(await ChallengeAsync(), code);

        Assert.NotNull(Assert.IsType<SignedIn.Granted>(first.Value).Token);
        AssertRefused(InvalidCodeReason.Reused, again);
    }

    [Fact]
    public async Task A_TOTP_code_of_an_older_step_than_the_last_accepted_is_reused()
    {
        var previousStep = AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow() - TimeSpan.FromSeconds(30));
        Assert.True((await VerifyAsync(await ChallengeAsync(), AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()))).Succeeded);

        AssertRefused(InvalidCodeReason.Reused, await VerifyAsync(await ChallengeAsync(), previousStep));
    }

    [Fact]
    public async Task A_code_sent_by_SMS_signs_in()
    {
        var challengeId = await ChallengeAsync();

        Assert.True((await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None)).Succeeded);

        var message = Assert.Single(sms.Sent);
        Assert.Equal("+15145550100", message.To);
        Assert.Equal(SmsChannel.Sms, message.Channel);
        Assert.IsType<SignedIn.Granted>((await VerifyAsync(challengeId, CodeIn(message.Text))).Value);
    }

    [Fact]
    public async Task A_voice_call_reads_the_code_digit_by_digit()
    {
        var challengeId = await ChallengeAsync();

        await twoFactor.SendAsync(challengeId, TwoFactorMethod.Voice, CancellationToken.None);

        var call = Assert.Single(sms.Sent);
        Assert.Equal(SmsChannel.Voice, call.Channel);
        var digits = SpokenDigits().Match(call.Text);
        Assert.True(digits.Success, call.Text);
        Assert.IsType<SignedIn.Granted>((await VerifyAsync(challengeId, digits.Value.Replace(", ", string.Empty, StringComparison.Ordinal))).Value);
    }

    [Fact]
    public async Task A_code_sent_by_email_goes_to_the_main_email_and_signs_in()
    {
        organizations.Add(Organization("org_a", OrganizationPolicy.Default with { EmailSecondFactor = true }));
        var challengeId = await ChallengeAsync();

        await twoFactor.SendAsync(challengeId, TwoFactorMethod.Email, CancellationToken.None);

        var message = Assert.Single(email.Sent);
        Assert.Equal("usr_jean@example.com", message.To);
        Assert.IsType<SignedIn.Granted>((await VerifyAsync(challengeId, CodeIn(message.TextBody))).Value);
    }

    [Fact]
    public async Task A_recovery_code_stored_under_the_server_key_signs_in_once()
    {
        var hasher = new RecoveryCodeHasher(secrets.DeriveKey("recovery codes"));
        var jean = users["usr_jean"];
        users.Add(jean with { TwoFactor = jean.TwoFactor with { RecoveryCodes = [new RecoveryCode(hasher.Hash("p3n7q-a8b2c", "usr_jean"))] } });

        var first = await twoFactor.VerifyAsync(await ChallengeAsync(), null, "p3n7q-a8b2c", FromIp, CancellationToken.None);
        var again = await twoFactor.VerifyAsync(await ChallengeAsync(), null, "p3n7q-a8b2c", FromIp, CancellationToken.None);

        Assert.IsType<SignedIn.Granted>(first.Value);
        AssertRefused(InvalidCodeReason.Reused, again);
    }

    [Fact]
    public async Task A_new_code_supersedes_the_previous_one()
    {
        var challengeId = await ChallengeAsync();
        await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None);
        var first = CodeIn(sms.Sent[0].Text);
        await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None);
        var second = CodeIn(sms.Sent[1].Text);
        Assert.NotEqual(first, second); // one chance in a million of the same code twice

        AssertRefused(InvalidCodeReason.Superseded, await VerifyAsync(challengeId, first));
        Assert.IsType<SignedIn.Granted>((await VerifyAsync(challengeId, second)).Value);
    }

    [Fact]
    public async Task A_sent_code_used_after_its_ten_minutes_is_expired()
    {
        var challengeId = await ChallengeAsync();
        await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));

        AssertRefused(InvalidCodeReason.Expired, await VerifyAsync(challengeId, CodeIn(sms.Sent[0].Text)));
    }

    [Fact]
    public async Task A_code_sent_late_in_the_challenge_still_lives_its_ten_minutes()
    {
        var challengeId = await ChallengeAsync();
        time.Advance(TimeSpan.FromMinutes(9));
        await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.IsType<SignedIn.Granted>((await VerifyAsync(challengeId, CodeIn(sms.Sent[0].Text))).Value);
    }

    [Fact]
    public async Task A_sent_code_past_its_ten_minutes_is_expired_while_a_longer_challenge_is_still_open()
    {
        await challenges.CreateAsync(
            new Challenge { Id = "chl_long", UserId = "usr_jean", Portal = Portal.Employee, CreatedAt = Start, ExpiresAt = Start + TimeSpan.FromHours(1), CredentialVersion = CredentialVersion.Of(users["usr_jean"]) },
            CancellationToken.None);
        await twoFactor.SendAsync("chl_long", TwoFactorMethod.Sms, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));

        AssertRefused(InvalidCodeReason.Expired, await VerifyAsync("chl_long", CodeIn(sms.Sent[0].Text)));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_as_wrong()
    {
        AssertRefused(InvalidCodeReason.Wrong, await VerifyAsync(await ChallengeAsync(), WrongCode()));
    }

    [Fact]
    public async Task The_fifth_wrong_code_ends_the_challenge()
    {
        var challengeId = await ChallengeAsync();
        for (var i = 0; i < 4; i++)
        {
            AssertRefused(InvalidCodeReason.Wrong, await VerifyAsync(challengeId, WrongCode()));
        }

        var fifth = await VerifyAsync(challengeId, WrongCode());
        var rightCodeAfterwards = await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        Assert.Equal(ErrorCode.ChallengeExpired, fifth.Failure?.Code);
        Assert.Equal(ErrorCode.ChallengeExpired, rightCodeAfterwards.Failure?.Code);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var first = await twoFactor.VerifyAsync(await ChallengeAsync(), null, RecoveryCodeText, FromIp, CancellationToken.None);
        var again = await twoFactor.VerifyAsync(await ChallengeAsync(), null, RecoveryCodeText, FromIp, CancellationToken.None);

        Assert.IsType<SignedIn.Granted>(first.Value);
        AssertRefused(InvalidCodeReason.Reused, again);
        Assert.NotNull(users["usr_jean"].TwoFactor.RecoveryCodes.Single().UsedAt);
    }

    [Fact]
    public async Task A_recovery_code_is_read_whatever_its_case_and_spacing()
    {
        var result = await twoFactor.VerifyAsync(await ChallengeAsync(), null, " K7QM2-X9T4P ", FromIp, CancellationToken.None);

        Assert.IsType<SignedIn.Granted>(result.Value);
    }

    [Fact]
    public async Task A_code_for_an_account_locked_meanwhile_says_as_sign_in_does_whether_a_new_password_would_lift_the_lock()
    {
        organizations.Add(Organization("org_a", OrganizationPolicy.Default with { UnlockByPasswordReset = true }) with { PrimaryContactEmail = PrimaryContact });
        var challengeId = await ChallengeAsync();
        users.Add(users["usr_jean"] with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, time.GetUtcNow(), null, Actor.System) });

        var result = await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        Assert.Equal(ErrorCode.AccountDeactivated, result.Failure?.Code);
        Assert.Equal(true, result.Failure!.Details["unlockByPasswordReset"]);
    }

    [Fact]
    public async Task A_verified_challenge_cannot_be_used_again()
    {
        var challengeId = await ChallengeAsync();
        Assert.True((await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()))).Succeeded);

        var again = await twoFactor.VerifyAsync(challengeId, null, RecoveryCodeText, FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.ChallengeExpired, again.Failure?.Code);
        Assert.Null(users["usr_jean"].TwoFactor.RecoveryCodes.Single().UsedAt);
    }

    [Fact]
    public async Task Ten_wrong_codes_across_challenges_within_an_hour_deactivate_the_account_and_tell_the_primary_contact()
    {
        await EnterTenWrongCodesAsync();

        var user = users["usr_jean"];
        Assert.Equal(DeactivationReason.SuspiciousActivity, user.Deactivation?.Reason);
        var alert = Assert.Single(email.Sent);
        Assert.Equal(PrimaryContact, alert.To);
        Assert.Contains("usr_jean", alert.TextBody, StringComparison.Ordinal);

        var signInAgain = await SignInAsync();
        Assert.Equal(ErrorCode.AccountDeactivated, signInAgain.Failure?.Code);
        Assert.Equal(DeactivationReason.SuspiciousActivity, signInAgain.Failure!.Details["reason"]);
    }

    [Fact]
    public async Task After_an_operator_reactivates_the_account_one_mistyped_code_does_not_deactivate_it_again()
    {
        await EnterTenWrongCodesAsync();
        var administration = new AccountAdministration(new UserUpdater(users, time), users, time);
        Assert.True((await administration.ReactivateAsync(Caller.Operator.Instance, "usr_jean", ContextOf(Caller.Operator.Instance), CancellationToken.None)).Succeeded);

        time.Advance(TimeSpan.FromMinutes(1));
        AssertRefused(InvalidCodeReason.Wrong, await VerifyAsync(await ChallengeAsync(), WrongCode()));

        Assert.Null(users["usr_jean"].Deactivation);
        Assert.Single(email.Sent); // the primary contact was told once, not twice
    }

    [Fact]
    public async Task Ten_wrong_codes_spread_over_more_than_an_hour_do_not_deactivate()
    {
        for (var challenge = 0; challenge < 2; challenge++)
        {
            var challengeId = await ChallengeAsync();
            for (var i = 0; i < 5; i++)
            {
                await VerifyAsync(challengeId, WrongCode());
            }

            time.Advance(TimeSpan.FromMinutes(61));
        }

        Assert.Null(users["usr_jean"].Deactivation);
        Assert.Empty(email.Sent);
    }

    [Fact]
    public async Task A_challenge_sends_at_most_five_codes()
    {
        var challengeId = await ChallengeAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None)).Succeeded);
        }

        var sixth = await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None);

        Assert.Equal(ErrorCode.TooManyRequests, sixth.Failure?.Code);
        Assert.Equal("too_many_requests", sixth.Failure!.CodeName);
        Assert.Equal(5, sms.Sent.Count);
    }

    [Fact]
    public async Task A_code_cannot_be_sent_by_a_method_the_user_lacks()
    {
        users.Add(User("usr_marie", Member("org_a", Role.Employee, "unit_1")).WithPassword(PasswordHash) with
        {
            TwoFactor = new TwoFactorEnrollment { EncryptedTotpSecret = secrets.Protect(totpSecret, "usr_marie"), TotpConfirmedAt = Start },
        });
        var challengeId = ((SignedIn.TwoFactorRequired)(await SignInAsync("usr_marie")).Value).Challenge.Id;

        var result = await twoFactor.SendAsync(challengeId, TwoFactorMethod.Sms, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, result.Failure?.Code);
        Assert.Empty(sms.Sent);
    }

    /// <summary>Two challenges of five wrong codes, a minute apart: ten within the hour.</summary>
    [Fact]
    public async Task A_verified_challenge_hands_out_a_device_token()
    {
        var verified = await VerifyAsync(await ChallengeAsync(), AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        var granted = Assert.IsType<SignedIn.Granted>(verified.Value);
        Assert.NotNull(AccountAccess.Core.Devices.TrustedDevices.Recognize(users["usr_jean"], granted.DeviceToken, time.GetUtcNow()));
    }

    [Fact]
    public async Task A_challenge_opened_from_a_trusted_device_completes_through_a_lock_for_too_many_attempts_with_a_new_token()
    {
        var first = Assert.IsType<SignedIn.Granted>((await VerifyAsync(await ChallengeAsync(), AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()))).Value);
        users.Add(users["usr_jean"] with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, null, Actor.System) });
        time.Advance(TimeSpan.FromMinutes(1));
        var trustedSignIn = await signIn.SignInAsync(new SignInRequest("usr_jean", Password, new SignInAttempt(Portal.Employee, null), first.DeviceToken), FromIp, CancellationToken.None);
        var challengeId = Assert.IsType<SignedIn.TwoFactorRequired>(trustedSignIn.Value).Challenge.Id;

        var verified = await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        var granted = Assert.IsType<SignedIn.Granted>(verified.Value);
        Assert.NotEqual(first.DeviceToken, granted.DeviceToken);
        Assert.Equal(users["usr_jean"].TrustedDevices.Single().Id, AccountAccess.Core.Devices.TrustedDevices.Recognize(users["usr_jean"], granted.DeviceToken, time.GetUtcNow())!.Id);
    }

    [Fact]
    public async Task A_challenge_opened_from_an_untrusted_device_before_a_lock_is_refused_once_locked()
    {
        var challengeId = await ChallengeAsync();
        users.Add(users["usr_jean"] with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, null, Actor.System) });

        var verified = await VerifyAsync(challengeId, AuthenticatorApp.CodeAt(totpSecret, time.GetUtcNow()));

        Assert.Equal(ErrorCode.AccountDeactivated, verified.Failure?.Code);
    }

    private async Task EnterTenWrongCodesAsync()
    {
        for (var challenge = 0; challenge < 2; challenge++)
        {
            var challengeId = await ChallengeAsync();
            for (var i = 0; i < 5; i++)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                await VerifyAsync(challengeId, WrongCode());
            }
        }
    }

    private Task<Result<SignedIn>> SignInAsync(string login = "usr_jean") =>
        signIn.SignInAsync(new SignInRequest(login, Password, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);

    private async Task<string> ChallengeAsync() => Assert.IsType<SignedIn.TwoFactorRequired>((await SignInAsync()).Value).Challenge.Id;

    private Task<Result<SignedIn>> VerifyAsync(string challengeId, string code) =>
        twoFactor.VerifyAsync(challengeId, code, null, FromIp, CancellationToken.None);

    /// <summary>A six-digit code the authenticator does not produce around now (so it is wrong, not reused).</summary>
    private string WrongCode()
    {
        var now = time.GetUtcNow();
        var valid = Enumerable.Range(-1, 3).Select(s => AuthenticatorApp.CodeAt(totpSecret, now + TimeSpan.FromSeconds(30 * s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    private static string CodeIn(string text) => SixDigits().Match(text).Value;

    private static void AssertRefused(InvalidCodeReason reason, Result<SignedIn> result)
    {
        Assert.Equal(ErrorCode.InvalidCode, result.Failure?.Code);
        Assert.Equal(reason, result.Failure!.Details["reason"]);
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"\d(, \d){5}")]
    private static partial Regex SpokenDigits();
}
