using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Testing;

namespace AccountAccess.Core.Tests.Passkeys;

/// <summary>A passkey as the second factor of a password sign-in: offered in <c>methods</c>, answered at the challenge, refusals counted like wrong codes.</summary>
public sealed class PasskeySecondFactorTests : IDisposable
{
    private readonly PasskeyWorld world = new();
    private readonly SoftwareAuthenticator authenticator;

    public PasskeySecondFactorTests()
    {
        world.AddEmployee("usr_jean");
        authenticator = world.NewAuthenticator();
    }

    public void Dispose() => authenticator.Dispose();

    [Fact]
    public async Task A_password_sign_in_of_an_account_with_a_passkey_asks_for_it_first_with_its_options()
    {
        await world.RegisterAsync("usr_jean", authenticator);

        var required = Assert.IsType<SignedIn.TwoFactorRequired>((await world.SignInWithPasswordAsync("usr_jean")).Value);

        Assert.Equal(TwoFactorMethod.Passkey, required.Methods[0]);
        var options = JsonNode.Parse(required.Challenge.PasskeyOptions!)!;
        Assert.Equal("preferred", options["userVerification"]!.GetValue<string>());
        Assert.Single(options["allowCredentials"]!.AsArray());
    }

    [Fact]
    public async Task The_passkey_answers_the_challenge_and_the_sign_in_completes()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;

        var result = await VerifyAsync(required.Challenge, authenticator.Assert(JsonNode.Parse(required.Challenge.PasskeyOptions!)!));

        Assert.IsType<SignedIn.Granted>(result.Value);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == Audit.AuditAction.PasskeyUsed && e.Reason == "second_factor");
    }

    [Fact]
    public async Task The_challenge_answers_once()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;
        var answer = authenticator.Assert(JsonNode.Parse(required.Challenge.PasskeyOptions!)!);
        await VerifyAsync(required.Challenge, answer);

        var replay = await VerifyAsync(required.Challenge, answer);

        Assert.Equal(ErrorCode.PasskeyInvalid, replay.Failure!.Code);
        Assert.Equal(PasskeyProblem.ChallengeReused, replay.Failure.Details["reason"]);
    }

    [Fact]
    public async Task A_refused_passkey_after_the_password_counts_as_a_wrong_code()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;
        using var stranger = world.NewAuthenticator();

        var refused = await VerifyAsync(required.Challenge, stranger.Assert(JsonNode.Parse(required.Challenge.PasskeyOptions!)!));

        Assert.Equal(PasskeyProblem.UnknownCredential, refused.Failure!.Details["reason"]);
        Assert.Single(world.Users["usr_jean"].SecondFactorFailures);
        Assert.Equal(1, world.Challenges[required.Challenge.Id]!.WrongCodes);
    }

    [Fact]
    public async Task Five_refused_passkeys_end_the_challenge()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;
        authenticator.Origin = "https://phishing.example";
        Result<SignedIn> last = default;

        for (var i = 0; i < 5; i++)
        {
            last = await VerifyAsync(required.Challenge, authenticator.Assert(JsonNode.Parse(required.Challenge.PasskeyOptions!)!));
        }

        Assert.Equal(ErrorCode.ChallengeExpired, last.Failure!.Code);
    }

    [Fact]
    public async Task A_challenge_opened_before_the_account_had_a_passkey_takes_codes_not_a_credential()
    {
        world.Users.Add(world.Users["usr_jean"] with { TwoFactor = world.Users["usr_jean"].TwoFactor with { Phone = "+15145550100" } });
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;

        var refused = await VerifyAsync(required.Challenge, authenticator.Assert(JsonNode.Parse(world.RelyingParty.RequestOptions([], false))!));

        Assert.Equal(ErrorCode.InvalidRequest, refused.Failure!.Code);
        Assert.Equal("credential", refused.Failure.Details["field"]);
    }

    [Fact]
    public async Task A_challenge_opened_before_another_passkey_was_added_is_over()
    {
        // A factor changed since the password was proven (CredentialVersion): the sign-in starts again.
        await world.RegisterAsync("usr_jean", authenticator);
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;
        using var second = world.NewAuthenticator();
        await world.RegisterAsync("usr_jean", second);

        var result = await VerifyAsync(required.Challenge, authenticator.Assert(JsonNode.Parse(required.Challenge.PasskeyOptions!)!));

        Assert.Equal(ErrorCode.ChallengeExpired, result.Failure?.Code);
    }

    private Task<Result<SignedIn>> VerifyAsync(Challenge challenge, JsonObject answer) =>
        world.TwoFactor.VerifyPasskeyAsync(challenge.Id, answer.ToJsonString(), PasskeyWorld.Anonymous, CancellationToken.None);
}
