using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Testing;

namespace AccountAccess.Core.Tests.Passkeys;

/// <summary>
/// Signing in with a passkey alone: discoverable or after a login is typed, through sign-in's rules; every refusal with its
/// reason, audited; counted toward suspicious activity only when the passkey's own key signed it.
/// </summary>
public sealed class PasskeySignInTests : IDisposable
{
    private readonly PasskeyWorld world = new();
    private readonly SoftwareAuthenticator authenticator;

    public PasskeySignInTests()
    {
        world.AddEmployee("usr_jean");
        authenticator = world.NewAuthenticator();
    }

    public void Dispose() => authenticator.Dispose();

    [Fact]
    public async Task A_discoverable_passkey_signs_the_person_in_without_a_login_or_password()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var (options, answer) = await world.AnswerSignInAsync(authenticator);

        var result = await world.VerifySignInAsync(options.ChallengeId, answer);

        var granted = Assert.IsType<SignedIn.Granted>(result.Value);
        Assert.Equal("usr_jean", granted.User.Id);
        var passkey = world.Users["usr_jean"].TwoFactor.Passkeys.Single();
        Assert.Equal(TestData.Start, passkey.LastUsedAt);
        Assert.Equal(1u, passkey.SignCount);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasskeyUsed && e.Reason == "sign_in");
    }

    [Fact]
    public async Task Options_without_a_login_ask_for_any_discoverable_credential_and_a_verified_person()
    {
        var options = JsonNode.Parse((await world.Passwordless.OptionsAsync(null, CancellationToken.None)).Options)!;

        Assert.Empty(options["allowCredentials"]!.AsArray());
        Assert.Equal("required", options["userVerification"]!.GetValue<string>());
        Assert.Equal("localhost", options["rpId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Options_for_a_typed_login_list_its_passkeys_and_the_answer_signs_in_without_a_user_handle()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        authenticator.SendsUserHandle = false;
        var (options, answer) = await world.AnswerSignInAsync(authenticator, login: "USR_JEAN@example.com");

        var result = await world.VerifySignInAsync(options.ChallengeId, answer);

        var allowed = JsonNode.Parse(options.Options)!["allowCredentials"]!.AsArray();
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(authenticator.CredentialId), Assert.Single(allowed)!["id"]!.GetValue<string>());
        Assert.IsType<SignedIn.Granted>(result.Value);
    }

    [Fact]
    public async Task The_options_of_an_unknown_login_look_like_those_of_an_account_and_stay_the_same()
    {
        await world.RegisterAsync("usr_jean", authenticator);

        var known = JsonNode.Parse((await world.Passwordless.OptionsAsync("usr_jean", CancellationToken.None)).Options)!;
        var unknown = JsonNode.Parse((await world.Passwordless.OptionsAsync("nobody", CancellationToken.None)).Options)!;
        var unknownAgain = JsonNode.Parse((await world.Passwordless.OptionsAsync("nobody", CancellationToken.None)).Options)!;

        Assert.Equal(Shape(known), Shape(unknown));
        Assert.NotEmpty(unknown["allowCredentials"]!.AsArray());
        Assert.Equal(unknown["allowCredentials"]!.ToJsonString(), unknownAgain["allowCredentials"]!.ToJsonString());
    }

    [Fact]
    public async Task An_account_without_passkeys_gets_the_options_an_unknown_login_gets()
    {
        var options = JsonNode.Parse((await world.Passwordless.OptionsAsync("usr_jean", CancellationToken.None)).Options)!;

        Assert.NotEmpty(options["allowCredentials"]!.AsArray());
        Assert.Equal(0, world.Users.SaveCount);
    }

    [Fact]
    public async Task A_passkey_sign_in_goes_through_the_portal_rule()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var (options, answer) = await world.AnswerSignInAsync(authenticator);

        var result = await world.VerifySignInAsync(options.ChallengeId, answer, Portal.Management);

        Assert.Equal(ErrorCode.WrongPortal, result.Failure!.Code);
    }

    [Fact]
    public async Task A_passkey_sign_in_on_a_deactivated_account_says_why_as_a_proven_password_would()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var user = world.Users["usr_jean"];
        world.Users.Add(user with { Deactivation = new Deactivation(DeactivationReason.Manual, TestData.Start, null, Actor.Operator) });
        var (options, answer) = await world.AnswerSignInAsync(authenticator);

        var result = await world.VerifySignInAsync(options.ChallengeId, answer);

        Assert.Equal(ErrorCode.AccountDeactivated, result.Failure!.Code);
    }

    [Fact]
    public async Task A_passkey_sign_in_with_an_expired_password_asks_for_a_new_one()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        world.Time.Advance(TimeSpan.FromDays(91));
        var (options, answer) = await world.AnswerSignInAsync(authenticator);

        var result = await world.VerifySignInAsync(options.ChallengeId, answer);

        Assert.Equal(PasswordChangeReason.Expired, Assert.IsType<SignedIn.PasswordChangeRequired>(result.Value).Reason);
    }

    [Fact]
    public async Task A_passkey_sign_in_needs_no_other_second_factor()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        world.Users.Add(world.Users["usr_jean"] with { TwoFactor = world.Users["usr_jean"].TwoFactor with { Phone = "+15145550100" } });
        var (options, answer) = await world.AnswerSignInAsync(authenticator);

        var result = await world.VerifySignInAsync(options.ChallengeId, answer);

        Assert.IsType<SignedIn.Granted>(result.Value);
    }

    [Fact]
    public async Task An_answer_played_again_is_refused_as_a_reused_challenge_and_counted()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var (options, answer) = await world.AnswerSignInAsync(authenticator);
        await world.VerifySignInAsync(options.ChallengeId, answer);

        var replay = await world.VerifySignInAsync(options.ChallengeId, answer);

        AssertRefused(PasskeyProblem.ChallengeReused, replay);
        Assert.Single(world.Users["usr_jean"].SecondFactorFailures);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasskeyFailed && e.Reason == "challenge_reused" && e.Details!["counted"] == "true");
    }

    [Fact]
    public async Task An_answer_after_the_options_expired_is_refused()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var (options, answer) = await world.AnswerSignInAsync(authenticator);
        world.Time.Advance(world.Settings.CeremonyLifetime + TimeSpan.FromSeconds(1));

        var late = await world.VerifySignInAsync(options.ChallengeId, answer);

        AssertRefused(PasskeyProblem.ChallengeExpired, late);
    }

    [Fact]
    public async Task An_answer_from_a_phishing_page_is_refused_audited_and_counted()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        authenticator.Origin = "https://login-account-access.example";
        var (options, answer) = await world.AnswerSignInAsync(authenticator);

        var relayed = await world.VerifySignInAsync(options.ChallengeId, answer);

        AssertRefused(PasskeyProblem.WrongOrigin, relayed);
        Assert.Single(world.Users["usr_jean"].SecondFactorFailures);
    }

    [Fact]
    public async Task A_cloned_authenticator_is_refused_once_the_original_has_moved_on()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        using var clone = authenticator.Clone();
        var (first, answer) = await world.AnswerSignInAsync(authenticator);
        await world.VerifySignInAsync(first.ChallengeId, answer);
        var (second, cloned) = await world.AnswerSignInAsync(clone);

        var refused = await world.VerifySignInAsync(second.ChallengeId, cloned);

        AssertRefused(PasskeyProblem.CounterWentBackwards, refused);
        Assert.Equal(1u, world.Users["usr_jean"].TwoFactor.Passkeys.Single().SignCount);
    }

    [Fact]
    public async Task An_unknown_credential_naming_an_account_is_audited_but_not_counted()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        using var stranger = world.NewAuthenticator();
        stranger.UserHandle = "usr_jean"u8.ToArray();
        var (options, answer) = await world.AnswerSignInAsync(stranger);

        var refused = await world.VerifySignInAsync(options.ChallengeId, answer);

        AssertRefused(PasskeyProblem.UnknownCredential, refused);
        Assert.Empty(world.Users["usr_jean"].SecondFactorFailures);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasskeyFailed && e.Details!["counted"] == "false");
    }

    [Fact]
    public async Task Noise_from_strangers_never_deactivates_the_account_it_names()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        using var stranger = world.NewAuthenticator();
        stranger.UserHandle = "usr_jean"u8.ToArray();

        for (var i = 0; i < SuspiciousActivity.Threshold + 2; i++)
        {
            var (options, answer) = await world.AnswerSignInAsync(stranger);
            await world.VerifySignInAsync(options.ChallengeId, answer);
        }

        Assert.False(world.Users["usr_jean"].IsDeactivatedAt(world.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Ten_phishing_relays_in_an_hour_deactivate_the_account_and_tell_the_primary_contact()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        authenticator.Origin = "https://login-account-access.example";

        for (var i = 0; i < SuspiciousActivity.Threshold; i++)
        {
            var (options, answer) = await world.AnswerSignInAsync(authenticator);
            await world.VerifySignInAsync(options.ChallengeId, answer);
        }

        Assert.Equal(DeactivationReason.SuspiciousActivity, world.Users["usr_jean"].Deactivation!.Reason);
        Assert.Contains(world.Email.Sent, e => e.To == PasskeyWorld.PrimaryContact);
    }

    [Fact]
    public async Task A_credential_of_no_account_is_refused_as_unknown()
    {
        using var stranger = world.NewAuthenticator();
        stranger.UserHandle = "usr_nobody0000000"u8.ToArray();
        var (options, answer) = await world.AnswerSignInAsync(stranger);

        var refused = await world.VerifySignInAsync(options.ChallengeId, answer);

        AssertRefused(PasskeyProblem.UnknownCredential, refused);
    }

    [Fact]
    public async Task Another_accounts_passkey_cannot_answer_the_options_of_a_typed_login()
    {
        world.AddEmployee("usr_marie");
        await world.RegisterAsync("usr_jean", authenticator);
        using var maries = world.NewAuthenticator();
        await world.RegisterAsync("usr_marie", maries);
        var (options, answer) = await world.AnswerSignInAsync(maries, login: "usr_jean");

        var refused = await world.VerifySignInAsync(options.ChallengeId, answer);

        AssertRefused(PasskeyProblem.UnknownCredential, refused);
    }

    private static string Shape(JsonNode options) =>
        string.Join(",", options.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal))
        + "|" + string.Join(",", options["allowCredentials"]!.AsArray().SelectMany(c => c!.AsObject().Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal));

    private static void AssertRefused(PasskeyProblem problem, Result<SignedIn> result)
    {
        Assert.Equal(ErrorCode.PasskeyInvalid, result.Failure!.Code);
        Assert.Equal(problem, result.Failure.Details["reason"]);
    }
}
