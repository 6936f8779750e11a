using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

/// <summary>
/// Sign-in with trusted devices: a stranger who knows the username locks the account for everyone but the holder's own
/// devices; a device is judged on its own wrong passwords; untrusted requests ask the budgets first, trusted ones never.
/// </summary>
public class TrustedDeviceSignInTests
{
    private const string Password = "violet-harbour-42";
    private const string Wrong = "wrong password";

    private static readonly PasswordHashing Hashing = new(1000);

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly InMemoryOrganizationStore organizations = new();
    private readonly InMemoryChallengeStore challenges = new();
    private readonly RecordingBudgets budgets = new();
    private readonly SignInHandler handler;

    public TrustedDeviceSignInTests()
    {
        organizations.Add(Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 3 }));
        users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")).WithPassword(Hashing.Hash(Password)));
        handler = new SignInHandler(users, organizations, Hashing, new FakeAccessTokenIssuer(), new UserUpdater(users, time), new LockoutSettings(),
            new PasswordSettings(), challenges, new TwoFactorSettings(), time, signInBudgets: budgets);
    }

    private Task<Result<SignedIn>> SignInAsync(string password, string? deviceToken = null, string ip = "203.0.113.7") =>
        handler.SignInAsync(new SignInRequest("usr_jean", password, new SignInAttempt(Portal.Employee, null), deviceToken),
            new RequestContext(Actor.Anonymous, ip), CancellationToken.None);

    private async Task<string> DeviceAsync()
    {
        var signedIn = await SignInAsync(Password, ip: "198.51.100.10");
        return Assert.IsType<SignedIn.Granted>(signedIn.Value).DeviceToken;
    }

    private async Task LockByStrangerAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(Wrong);
        }

        Assert.Equal(DeactivationReason.TooManyAttempts, users["usr_jean"].Deactivation?.Reason);
    }

    [Fact]
    public async Task Every_sign_in_that_grants_access_hands_out_a_device_token()
    {
        var result = await SignInAsync(Password);

        var granted = Assert.IsType<SignedIn.Granted>(result.Value);
        Assert.NotNull(TrustedDevices.Recognize(users["usr_jean"], granted.DeviceToken, time.GetUtcNow()));
    }

    [Fact]
    public async Task A_stranger_who_locks_the_account_does_not_lock_the_holder_out_of_a_trusted_device()
    {
        var device = await DeviceAsync();
        await LockByStrangerAsync();

        var holder = await SignInAsync(Password, device, "198.51.100.10");

        var granted = Assert.IsType<SignedIn.Granted>(holder.Value);
        Assert.Equal(device, granted.DeviceToken);
        Assert.Equal(DeactivationReason.TooManyAttempts, users["usr_jean"].Deactivation?.Reason);
    }

    [Fact]
    public async Task On_a_new_device_the_holder_of_a_locked_account_gets_the_wrong_passwords_answer()
    {
        await DeviceAsync();
        await LockByStrangerAsync();

        var holder = await SignInAsync(Password, deviceToken: null, "198.51.100.11");

        Assert.Equal(ErrorCode.InvalidCredentials, holder.Failure?.Code);
    }

    [Fact]
    public async Task Another_accounts_device_token_is_no_trust()
    {
        users.Add(User("usr_marie", Member("org_a", Role.Employee, "unit_1")).WithPassword(Hashing.Hash(Password)));
        var marie = await handler.SignInAsync(new SignInRequest("usr_marie", Password, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);
        await LockByStrangerAsync();

        var result = await SignInAsync(Password, Assert.IsType<SignedIn.Granted>(marie.Value).DeviceToken);

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
    }

    [Fact]
    public async Task A_trusted_devices_wrong_passwords_do_not_bring_the_account_closer_to_its_lock()
    {
        var device = await DeviceAsync();

        await SignInAsync(Wrong, device);
        await SignInAsync(Wrong, device);

        Assert.Equal(0, users["usr_jean"].FailedAttempts.Count);
        Assert.Equal(2, users["usr_jean"].TrustedDevices.Single().FailedAttempts);
    }

    [Fact]
    public async Task A_device_that_got_the_password_wrong_too_often_is_treated_like_any_other()
    {
        var device = await DeviceAsync();
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(Wrong, device);
        }

        await SignInAsync(Wrong, device);

        Assert.Empty(users["usr_jean"].TrustedDevices);
        Assert.Equal(1, users["usr_jean"].FailedAttempts.Count);
    }

    [Fact]
    public async Task Where_the_policy_keeps_trusted_devices_out_the_proven_password_is_told_the_account_is_deactivated()
    {
        organizations.Add(Organization("org_a", PolicyPresets.ValuesOf(PolicyPreset.PciDss4) with { MaxFailedAttempts = 3 }));
        var device = await DeviceAsync();
        await LockByStrangerAsync();

        var right = await SignInAsync(Password, device);
        var wrong = await SignInAsync(Wrong, device);

        Assert.Equal(ErrorCode.AccountDeactivated, right.Failure?.Code);
        Assert.Equal(DeactivationReason.TooManyAttempts, right.Failure!.Details["reason"]);
        Assert.Equal(ErrorCode.InvalidCredentials, wrong.Failure?.Code);
    }

    [Fact]
    public async Task An_untrusted_request_the_budgets_refuse_gets_429_with_when_to_retry_before_any_hash()
    {
        budgets.Refusal = TimeSpan.FromSeconds(42);

        var result = await SignInAsync(Password);

        Assert.Equal(ErrorCode.TooManyRequests, result.Failure?.Code);
        Assert.Equal(42, result.Failure!.Details["retryAfter"]);
        Assert.Empty(budgets.Failures);
    }

    [Fact]
    public async Task A_trusted_request_is_never_refused_by_the_budgets()
    {
        var device = await DeviceAsync();
        budgets.Refusal = TimeSpan.FromSeconds(42);

        var result = await SignInAsync(Password, device);

        Assert.IsType<SignedIn.Granted>(result.Value);
    }

    [Fact]
    public async Task A_bogus_device_token_is_refused_by_the_budgets_like_no_token()
    {
        budgets.Refusal = TimeSpan.FromSeconds(42);

        var result = await SignInAsync(Password, "dvt_" + new string('A', 43));

        Assert.Equal(ErrorCode.TooManyRequests, result.Failure?.Code);
    }

    [Theory]
    [InlineData("usr_jean", Wrong)]
    [InlineData("usr_nobody", Password)]
    public async Task Unknown_logins_wrong_passwords_and_locked_accounts_count_alike_as_untrusted_failures(string login, string password)
    {
        await handler.SignInAsync(new SignInRequest(login, password, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);
        await LockByStrangerAsync();
        budgets.Failures.Clear();

        await handler.SignInAsync(new SignInRequest("usr_jean", Password, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);

        Assert.Equal([("203.0.113.7", SignInTrust.Untrusted)], budgets.Failures);
    }

    [Fact]
    public async Task A_trusted_devices_failure_is_counted_as_trusted()
    {
        var device = await DeviceAsync();

        await SignInAsync(Wrong, device, "198.51.100.10");

        Assert.Equal([("198.51.100.10", SignInTrust.TrustedDevice)], budgets.Failures);
    }

    [Fact]
    public async Task A_proven_password_is_counted_as_a_success_of_its_ip()
    {
        await SignInAsync(Password, ip: "198.51.100.12");

        Assert.Equal(["198.51.100.12"], budgets.Successes);
    }

    [Fact]
    public async Task An_account_erased_while_its_device_is_being_trusted_answers_like_an_unknown_login()
    {
        // A fresh account's proven password costs no write: the first save is the new device's, and the erasure wins it.
        users.BeforeNextSave(() => users.DeleteAsync(users.GetAsync("usr_jean", CancellationToken.None).Result!, CancellationToken.None));

        var result = await time.AdvanceUntilDoneAsync(SignInAsync(Password));

        Assert.Equal(ErrorCode.InvalidCredentials, result.Failure?.Code);
    }

    [Fact]
    public async Task A_challenge_opened_from_a_trusted_device_remembers_it()
    {
        var device = await DeviceAsync();
        users.Add(users["usr_jean"] with { TwoFactor = TwoFactorEnrollment.None with { Phone = "+15145550100" } });

        var result = await SignInAsync(Password, device);

        var required = Assert.IsType<SignedIn.TwoFactorRequired>(result.Value);
        Assert.Equal(users["usr_jean"].TrustedDevices.Single().Id, required.Challenge.TrustedDeviceId);
    }

    private sealed class RecordingBudgets : ISignInBudgets
    {
        public TimeSpan? Refusal { get; set; }

        public List<(string?, SignInTrust)> Failures { get; } = [];

        public List<string?> Successes { get; } = [];

        public TimeSpan? RefuseUntrusted(string? sourceIp) => Refusal;

        public void RecordFailure(string? sourceIp, SignInTrust trust) => Failures.Add((sourceIp, trust));

        public void RecordSuccess(string? sourceIp) => Successes.Add(sourceIp);
    }
}
