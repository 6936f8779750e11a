using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.TwoFactor;

/// <summary>
/// API.md "Two-factor enrolment": a token alone neither replaces nor adds a second factor beside one (the password again),
/// and a phone is a factor only once the code sent to it comes back.
/// </summary>
public partial class TwoFactorEnrollmentsTests
{
    private const string Password = "violet-harbour-42";
    private const string Phone = "+15145550100";

    private static readonly RequestContext FromSession = new(Actor.ForUser("usr_jean"), "198.51.100.4");

    private readonly PasswordLifecycle world = new();
    private readonly RecordingSmsSender sms = new();
    private readonly SecretProtector secrets = new(RandomNumberGenerator.GetBytes(32));
    private readonly TwoFactorEnrollments enrollments;

    public TwoFactorEnrollmentsTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Password);
        enrollments = new TwoFactorEnrollments(world.Users, world.Updater, world.StepUp, secrets, Hasher, sms, world.Holders, new TwoFactorSettings(), world.Time);
    }

    private RecoveryCodeHasher Hasher => new(secrets.DeriveKey("recovery codes"));

    private TwoFactorEnrollment Factors => world.Users["usr_jean"].TwoFactor;

    [Fact]
    public async Task A_first_authenticator_needs_no_password()
    {
        var started = await enrollments.BeginTotpAsync("usr_jean", password: null, FromSession, CancellationToken.None);

        Assert.True(started.Succeeded);
        Assert.NotNull(Factors.PendingTotpSecret);
    }

    [Fact]
    public async Task Replacing_an_enrolled_authenticator_without_the_password_is_refused_and_changes_nothing()
    {
        await EnrolTotpAsync();
        var before = world.Users["usr_jean"];

        var started = await enrollments.BeginTotpAsync("usr_jean", password: null, FromSession, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, started.Failure?.Code);
        Assert.Equal("password", started.Failure!.Details["field"]);
        Assert.Equal(before, world.Users["usr_jean"]);
    }

    [Fact]
    public async Task Replacing_an_enrolled_authenticator_with_a_wrong_password_counts_a_failed_sign_in()
    {
        await EnrolTotpAsync();

        var started = await enrollments.BeginTotpAsync("usr_jean", "wrong-password-1", FromSession, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidCredentials, started.Failure?.Code);
        Assert.Equal(1, world.Users["usr_jean"].FailedAttempts.Count);
        Assert.Null(Factors.PendingTotpSecret);
    }

    [Fact]
    public async Task Replacing_an_enrolled_authenticator_with_the_password_starts_a_new_one()
    {
        await EnrolTotpAsync();

        var started = await enrollments.BeginTotpAsync("usr_jean", Password, FromSession, CancellationToken.None);

        Assert.True(started.Succeeded);
        Assert.NotNull(Factors.PendingTotpSecret);
    }

    [Fact]
    public async Task A_phone_is_not_a_factor_until_the_code_sent_to_it_comes_back()
    {
        var sent = await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None);

        Assert.True(sent.Succeeded);
        Assert.Null(Factors.Phone);
        Assert.False(Factors.IsEnrolled);
        Assert.Equal(Phone, Assert.Single(sms.Sent).To);
    }

    [Fact]
    public async Task The_code_sent_to_the_phone_makes_it_a_factor()
    {
        await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None);

        var confirmed = await enrollments.ConfirmPhoneAsync("usr_jean", CodeIn(sms.Sent[0].Text), FromSession, CancellationToken.None);

        Assert.True(confirmed.Succeeded);
        Assert.Equal(Phone, Factors.Phone);
        Assert.Null(Factors.PendingPhone);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PhoneEnrolled);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_the_fifth_ends_the_phone_enrolment()
    {
        await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None);
        var right = CodeIn(sms.Sent[0].Text);
        var wrong = right == "000000" ? "111111" : "000000";
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ErrorCode.InvalidCode, (await enrollments.ConfirmPhoneAsync("usr_jean", wrong, FromSession, CancellationToken.None)).Failure?.Code);
        }

        await enrollments.ConfirmPhoneAsync("usr_jean", wrong, FromSession, CancellationToken.None);
        var late = await enrollments.ConfirmPhoneAsync("usr_jean", right, FromSession, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidState, late.Failure?.Code);
        Assert.Null(Factors.Phone);
    }

    [Fact]
    public async Task A_code_past_its_ten_minutes_is_expired()
    {
        await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(10));

        var confirmed = await enrollments.ConfirmPhoneAsync("usr_jean", CodeIn(sms.Sent[0].Text), FromSession, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidCode, confirmed.Failure?.Code);
        Assert.Equal(InvalidCodeReason.Expired, confirmed.Failure!.Details["reason"]);
    }

    [Fact]
    public async Task A_phone_beside_an_authenticator_needs_the_password()
    {
        await EnrolTotpAsync();

        var withoutPassword = await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None);
        var withPassword = await enrollments.SetPhoneAsync("usr_jean", Phone, Password, FromSession, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, withoutPassword.Failure?.Code);
        Assert.True(withPassword.Succeeded);
        Assert.Single(sms.Sent);
    }

    [Fact]
    public async Task At_most_five_phone_codes_go_out_in_an_hour()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None)).Succeeded);
        }

        var sixth = await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None);
        world.Time.Advance(TimeSpan.FromHours(1));
        var later = await enrollments.SetPhoneAsync("usr_jean", Phone, password: null, FromSession, CancellationToken.None);

        Assert.Equal(ErrorCode.TooManyRequests, sixth.Failure?.Code);
        Assert.True(later.Succeeded);
        Assert.Equal(6, sms.Sent.Count);
    }

    [Fact]
    public async Task Recovery_codes_are_stored_under_the_server_key()
    {
        await EnrolTotpAsync();

        Assert.Equal(10, Factors.RecoveryCodes.Count);
        Assert.All(Factors.RecoveryCodes, c => Assert.StartsWith(RecoveryCodeHasher.Prefix, c.Hash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabling_with_a_wrong_password_counts_a_failed_sign_in_and_keeps_the_factors()
    {
        await EnrolTotpAsync();

        var disabled = await enrollments.DisableAsync("usr_jean", "wrong-password-1", FromSession, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidCredentials, disabled.Failure?.Code);
        Assert.True(Factors.HasTotp);
        Assert.Equal(1, world.Users["usr_jean"].FailedAttempts.Count);
    }

    private async Task EnrolTotpAsync()
    {
        var started = await enrollments.BeginTotpAsync("usr_jean", password: null, FromSession, CancellationToken.None);
        var secret = OtpNet.Base32Encoding.ToBytes(started.Value.Secret);
        Assert.True((await enrollments.ConfirmTotpAsync("usr_jean", AuthenticatorApp.CodeAt(secret, world.Time.GetUtcNow()), FromSession, CancellationToken.None)).Succeeded);
    }

    private static string CodeIn(string text) => SixDigits().Match(text).Value;

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
