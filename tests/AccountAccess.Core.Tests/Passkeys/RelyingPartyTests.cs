using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passkeys;

/// <summary>
/// The WebAuthn checks (Level 3, 7.1 and 7.2) on answers a software authenticator makes: what a real authenticator signs
/// passes; what a phishing page, a replay or a clone produces gets its own reason.
/// </summary>
public sealed class RelyingPartyTests : IDisposable
{
    private const string Origin = "https://accounts.example.com";

    private readonly RelyingParty relyingParty = new(new PasskeySettings(), new PasswordSettings { PublicBaseUrl = Origin });
    private readonly User user = User("usr_jean");
    private readonly SoftwareAuthenticator authenticator = new(Origin);

    public void Dispose() => authenticator.Dispose();

    [Fact]
    public void Creation_options_name_us_the_account_and_ask_for_a_discoverable_credential_without_attestation()
    {
        var options = JsonNode.Parse(relyingParty.CreationOptions(user))!;

        Assert.Equal("accounts.example.com", options["rp"]!["id"]!.GetValue<string>());
        Assert.Equal("dXNyX2plYW4", options["user"]!["id"]!.GetValue<string>()); // base64url of "usr_jean"
        Assert.Equal("usr_jean", options["user"]!["name"]!.GetValue<string>());
        Assert.Equal("preferred", options["authenticatorSelection"]!["residentKey"]!.GetValue<string>());
        Assert.Equal("none", options["attestation"]!.GetValue<string>());
        Assert.Equal(-7, options["pubKeyCredParams"]![0]!["alg"]!.GetValue<int>());
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(options["challenge"]!.GetValue<string>()).Length);
    }

    [Fact]
    public void Creation_options_exclude_the_accounts_passkeys()
    {
        var passkey = Registered(RandomNumberGenerator.GetBytes(16));

        var options = JsonNode.Parse(relyingParty.CreationOptions(user with { TwoFactor = user.TwoFactor with { Passkeys = [passkey] } }))!;

        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(passkey.CredentialId), options["excludeCredentials"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_registration_with_none_attestation_gives_the_credential_and_its_public_key()
    {
        var options = relyingParty.CreationOptions(user);

        var (credential, problem) = await RegisterAsync(options, authenticator.Register(JsonNode.Parse(options)!));

        Assert.Null(problem);
        Assert.Equal(authenticator.CredentialId, credential!.CredentialId);
        Assert.Equal(authenticator.CosePublicKey, credential.PublicKey);
        Assert.Equal(RelyingParty.UserHandleOf(user), credential.UserHandle);
        Assert.Equal(["internal", "hybrid"], credential.Transports);
    }

    [Fact]
    public async Task A_registration_signed_on_another_origin_is_refused_as_wrong_origin()
    {
        var options = relyingParty.CreationOptions(user);
        authenticator.Origin = "https://accounts-example.com";

        var (_, problem) = await RegisterAsync(options, authenticator.Register(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.WrongOrigin, problem);
    }

    [Fact]
    public async Task A_registration_for_another_relying_party_id_is_refused_as_wrong_rp_id()
    {
        var options = relyingParty.CreationOptions(user);
        authenticator.RelyingPartyId = "example.net";

        var (_, problem) = await RegisterAsync(options, authenticator.Register(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.WrongRpId, problem);
    }

    [Fact]
    public async Task A_registration_answering_another_challenge_is_refused_as_a_challenge_mismatch()
    {
        var options = relyingParty.CreationOptions(user);

        var (_, problem) = await RegisterAsync(options, authenticator.Register(JsonNode.Parse(options)!, challenge: "b3RoZXItY2hhbGxlbmdl"));

        Assert.Equal(PasskeyProblem.ChallengeMismatch, problem);
    }

    [Fact]
    public async Task A_registration_without_user_presence_is_refused()
    {
        var options = relyingParty.CreationOptions(user);
        authenticator.UserPresent = false;

        var (_, problem) = await RegisterAsync(options, authenticator.Register(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.UserNotPresent, problem);
    }

    [Fact]
    public async Task An_assertion_of_a_registered_passkey_passes_and_gives_its_counter()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions(RelyingParty.Descriptors([passkey]), userVerification: true);

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.True(check.Succeeded);
        Assert.True(check.SignedByThePasskey);
        Assert.Equal(1u, check.SignCount);
    }

    [Fact]
    public async Task An_assertion_signed_on_a_phishing_origin_is_refused_as_wrong_origin_and_known_as_the_passkeys_own_signature()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions([], userVerification: true);
        authenticator.Origin = "https://accounts.example.com.evil.example";

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.WrongOrigin, check.Problem);
        Assert.True(check.SignedByThePasskey);
    }

    [Fact]
    public async Task An_assertion_for_another_relying_party_id_is_refused_as_wrong_rp_id()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions([], userVerification: true);
        authenticator.RelyingPartyId = "evil.example";

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.WrongRpId, check.Problem);
    }

    [Fact]
    public async Task An_assertion_whose_counter_does_not_move_forward_is_refused_as_a_clone()
    {
        var passkey = (await RegisteredAsync()) with { SignCount = 7 };
        var options = relyingParty.RequestOptions([], userVerification: true);
        authenticator.Counter = 6; // the next assertion reports 7: not above the stored 7

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.CounterWentBackwards, check.Problem);
    }

    [Fact]
    public async Task A_counter_falling_back_to_zero_is_refused_as_a_clone()
    {
        var passkey = (await RegisteredAsync()) with { SignCount = 7 };
        var options = relyingParty.RequestOptions([], userVerification: true);
        authenticator.Counts = false;
        authenticator.Counter = 0;

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.CounterWentBackwards, check.Problem);
    }

    [Fact]
    public async Task A_synced_passkey_that_always_says_zero_passes_each_time()
    {
        var passkey = await RegisteredAsync();
        authenticator.Counts = false;
        var options = relyingParty.RequestOptions([], userVerification: true);

        var first = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));
        var second = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
    }

    [Fact]
    public async Task An_assertion_signed_with_another_key_is_refused_as_a_bad_signature()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions([], userVerification: true);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!, signWith: stranger));

        Assert.Equal(PasskeyProblem.BadSignature, check.Problem);
        Assert.False(check.SignedByThePasskey);
    }

    [Fact]
    public async Task A_passwordless_assertion_without_user_verification_is_refused()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions([], userVerification: true);
        authenticator.UserVerified = false;

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.UserNotVerified, check.Problem);
    }

    [Fact]
    public async Task A_second_factor_assertion_needs_presence_but_not_verification()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions(RelyingParty.Descriptors([passkey]), userVerification: false);
        authenticator.UserVerified = false;

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.True(check.Succeeded);
    }

    [Fact]
    public async Task An_assertion_of_a_credential_the_options_did_not_allow_is_refused_as_unknown()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions(RelyingParty.Descriptors([Registered(RandomNumberGenerator.GetBytes(16))]), userVerification: true);

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.UnknownCredential, check.Problem);
    }

    [Fact]
    public async Task An_assertion_claiming_another_user_handle_is_refused_as_unknown()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions([], userVerification: true);
        authenticator.UserHandle = "usr_someone_else"u8.ToArray();

        var check = await AssertAsync(options, passkey, authenticator.Assert(JsonNode.Parse(options)!));

        Assert.Equal(PasskeyProblem.UnknownCredential, check.Problem);
    }

    [Fact]
    public async Task A_registration_response_sent_to_a_sign_in_is_refused_as_malformed()
    {
        var passkey = await RegisteredAsync();
        var creation = relyingParty.CreationOptions(user);
        var registration = authenticator.Register(JsonNode.Parse(creation)!);
        var options = relyingParty.RequestOptions([], userVerification: true);
        var assertion = authenticator.Assert(JsonNode.Parse(options)!);
        assertion["response"]!["clientDataJSON"] = registration["response"]!["clientDataJSON"]!.GetValue<string>();

        var check = await AssertAsync(options, passkey, assertion);

        Assert.Equal(PasskeyProblem.Malformed, check.Problem);
    }

    [Fact]
    public async Task Truncated_authenticator_data_is_refused_as_malformed_not_thrown()
    {
        var passkey = await RegisteredAsync();
        var options = relyingParty.RequestOptions([], userVerification: true);
        var assertion = authenticator.Assert(JsonNode.Parse(options)!);
        assertion["response"]!["authenticatorData"] = "AAAA";

        var check = await AssertAsync(options, passkey, assertion);

        Assert.Equal(PasskeyProblem.Malformed, check.Problem);
    }

    private async Task<Passkey> RegisteredAsync()
    {
        var options = relyingParty.CreationOptions(user);
        var (credential, _) = await RegisterAsync(options, authenticator.Register(JsonNode.Parse(options)!));
        return new Passkey
        {
            Id = "pk_test",
            Name = "Test",
            CredentialId = credential!.CredentialId,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            UserHandle = credential.UserHandle,
            CreatedAt = Start,
        };
    }

    private Passkey Registered(byte[] credentialId) => new()
    {
        Id = "pk_other",
        Name = "Other",
        CredentialId = credentialId,
        PublicKey = authenticator.CosePublicKey,
        UserHandle = RelyingParty.UserHandleOf(user),
        CreatedAt = Start,
    };

    private Task<(NewCredential? Credential, PasskeyProblem? Problem)> RegisterAsync(string options, JsonObject answer) =>
        relyingParty.VerifyRegistrationAsync(options, PasskeyAttestation.Parse(answer.ToJsonString()).Value, [], CancellationToken.None);

    private Task<AssertionCheck> AssertAsync(string options, Passkey passkey, JsonObject answer) =>
        relyingParty.VerifyAssertionAsync(options, PasskeyAssertion.Parse(answer.ToJsonString()).Value, passkey, CancellationToken.None);
}
