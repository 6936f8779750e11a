using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The attacks on passkeys API.md names, each over HTTP against the running app: a phishing page relaying the ceremony
/// (another origin, another relying party id), a replayed answer, a cloned authenticator, a credential of no account, a
/// login probed for an account, a stolen token adding or removing passkeys, and relays repeated until the account locks.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PasskeyAttackTests(AppFixture fixture) : IDisposable
{
    private readonly Api api = fixture.Api;
    private readonly SoftwareAuthenticator authenticator = new(PasskeyCeremonies.Origin);

    public void Dispose() => authenticator.Dispose();

    [Fact]
    public async Task A_passkey_answer_relayed_from_a_phishing_origin_does_not_sign_in()
    {
        var user = await RegisteredUserAsync();
        authenticator.Origin = "https://account-access-login.example";

        var reply = await api.PasskeySignInAsync(authenticator);

        ShouldBeRefused(reply, "wrong_origin");
        Assert.Contains(await api.EventsAsync(user.Id), e => e!["action"]!.GetValue<string>() == "passkey_failed" && e["reason"]!.GetValue<string>() == "wrong_origin");
    }

    [Fact]
    public async Task A_passkey_answer_signed_for_another_relying_party_does_not_sign_in()
    {
        await RegisteredUserAsync();
        authenticator.RelyingPartyId = "account-access-login.example";

        ShouldBeRefused(await api.PasskeySignInAsync(authenticator), "wrong_rp_id");
    }

    [Fact]
    public async Task A_passkey_answer_played_again_does_not_sign_in_twice()
    {
        // A synced passkey's counter stays 0: only the single-use options stop a replay.
        authenticator.Counts = false;
        await RegisteredUserAsync();
        var (challengeId, _, answer) = await api.AnswerPasskeySignInAsync(authenticator);
        (await api.VerifyPasskeySignInAsync(challengeId, answer)).ShouldBe(HttpStatusCode.OK);

        ShouldBeRefused(await api.VerifyPasskeySignInAsync(challengeId, answer), "challenge_reused");
    }

    [Fact]
    public async Task A_passkey_answer_moved_to_other_options_does_not_sign_in()
    {
        await RegisteredUserAsync();
        var (_, _, answer) = await api.AnswerPasskeySignInAsync(authenticator);
        var (otherChallengeId, _, _) = await api.AnswerPasskeySignInAsync(authenticator);

        ShouldBeRefused(await api.VerifyPasskeySignInAsync(otherChallengeId, answer), "challenge_mismatch");
    }

    [Fact]
    public async Task A_cloned_authenticator_whose_counter_falls_behind_does_not_sign_in()
    {
        await RegisteredUserAsync();
        using var clone = authenticator.Clone();
        (await api.PasskeySignInAsync(authenticator)).ShouldBe(HttpStatusCode.OK);
        (await api.PasskeySignInAsync(authenticator)).ShouldBe(HttpStatusCode.OK);

        ShouldBeRefused(await api.PasskeySignInAsync(clone), "counter_went_backwards");
    }

    [Fact]
    public async Task A_credential_that_is_no_passkey_of_the_account_it_names_does_not_sign_in()
    {
        var user = await RegisteredUserAsync();
        using var stranger = new SoftwareAuthenticator(PasskeyCeremonies.Origin) { UserHandle = System.Text.Encoding.UTF8.GetBytes(user.Id) };

        ShouldBeRefused(await api.PasskeySignInAsync(stranger), "unknown_credential");
    }

    [Fact]
    public async Task A_passkey_of_one_account_does_not_answer_the_options_of_another_accounts_login()
    {
        var victim = await RegisteredUserAsync();
        using var attackers = new SoftwareAuthenticator(PasskeyCeremonies.Origin);
        var (_, _, attacker) = await api.CreateStaffAsync();
        await api.RegisterPasskeyAsync(await api.TokenAsync(attacker.Username, "employee"), attackers);

        ShouldBeRefused(await api.PasskeySignInAsync(attackers, login: victim.Username), "unknown_credential");
    }

    [Fact]
    public async Task An_unknown_login_gets_passkey_options_indistinguishable_from_an_accounts()
    {
        var user = await RegisteredUserAsync();
        var unknown = Api.Unique("nobody");

        var known = await OptionsAsync(user.Username);
        var unknownFirst = await OptionsAsync(unknown);
        var unknownAgain = await OptionsAsync(unknown);
        var (_, _, withoutPasskey) = await api.CreateStaffAsync();
        var accountWithoutPasskey = await OptionsAsync(withoutPasskey.Username);

        Assert.Equal(Shape(known), Shape(unknownFirst));
        Assert.Equal(Shape(known), Shape(accountWithoutPasskey));
        Assert.Equal(unknownFirst["options"]!["allowCredentials"]!.ToJsonString(), unknownAgain["options"]!["allowCredentials"]!.ToJsonString());
    }

    [Fact]
    public async Task A_stolen_access_token_cannot_add_a_passkey_without_the_password_and_each_guess_counts()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var stolen = await api.TokenAsync(user.Username, "employee");

        var guess = await api.RegistrationOptionsAsync(stolen, password: "Guessed-Password-1");

        guess.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(1, (await api.DiagnoseAsync(user.Id))["failedAttempts"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stolen_access_token_cannot_remove_a_passkey_without_the_password()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(user.Username, "employee");
        var id = (await api.RegisterPasskeyAsync(token, authenticator))["id"]!.GetValue<string>();

        var reply = await api.SendAsync(HttpMethod.Delete, $"/api/account/passkeys/{id}", new { password = "Guessed-Password-1" }, bearer: token);

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Single((await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: token)).Json!["passkeys"]!.AsArray());
    }

    [Fact]
    public async Task A_signed_in_user_cannot_remove_another_accounts_passkey()
    {
        var (_, _, owner) = await api.CreateStaffAsync();
        var ownersToken = await api.TokenAsync(owner.Username, "employee");
        var id = (await api.RegisterPasskeyAsync(ownersToken, authenticator))["id"]!.GetValue<string>();
        var (_, _, other) = await api.CreateStaffAsync();

        var reply = await api.SendAsync(HttpMethod.Delete, $"/api/account/passkeys/{id}", new { password = Api.Password }, bearer: await api.TokenAsync(other.Username, "employee"));

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
        Assert.Single((await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: ownersToken)).Json!["passkeys"]!.AsArray());
    }

    [Fact]
    public async Task Another_accounts_registration_options_cannot_add_a_passkey_to_mine()
    {
        var (_, _, victim) = await api.CreateStaffAsync();
        var (_, _, attacker) = await api.CreateStaffAsync();
        var attackersOptions = await api.RegistrationOptionsAsync(await api.TokenAsync(attacker.Username, "employee"));
        var victimsToken = await api.TokenAsync(victim.Username, "employee");

        var reply = await api.SendAsync(HttpMethod.Post, "/api/account/passkeys", new
        {
            challengeId = attackersOptions.Json!["challengeId"]!.GetValue<string>(),
            credential = authenticator.Register(attackersOptions.Json["options"]!),
        }, bearer: victimsToken);

        ShouldBeRefused(reply, "challenge_expired");
        Assert.Empty((await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: victimsToken)).Json!["passkeys"]!.AsArray());
    }

    [Fact]
    public async Task Ten_relays_from_a_phishing_page_in_an_hour_deactivate_the_account_as_suspicious_activity()
    {
        var user = await RegisteredUserAsync();
        authenticator.Origin = "https://account-access-login.example";

        for (var relay = 0; relay < 10; relay++)
        {
            ShouldBeRefused(await api.PasskeySignInAsync(authenticator), "wrong_origin");
        }

        var diagnosis = await api.DiagnoseAsync(user.Id);
        Assert.Contains(diagnosis["blockers"]!.AsArray(), b => b!["code"]!.GetValue<string>() == "account_deactivated" && b["details"]!["reason"]!.GetValue<string>() == "suspicious_activity");
    }

    [Fact]
    public async Task Strangers_sending_unknown_credentials_never_lock_the_account_they_name()
    {
        var user = await RegisteredUserAsync();
        using var stranger = new SoftwareAuthenticator(PasskeyCeremonies.Origin) { UserHandle = System.Text.Encoding.UTF8.GetBytes(user.Id) };

        for (var attempt = 0; attempt < 12; attempt++)
        {
            ShouldBeRefused(await api.PasskeySignInAsync(stranger), "unknown_credential");
        }

        (await api.PasskeySignInAsync(authenticator)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_factor_answered_by_a_passkey_from_a_phishing_origin_does_not_complete_the_sign_in()
    {
        var user = await RegisteredUserAsync();
        var challenge = await api.LoginAsync(user.Username);
        authenticator.Origin = "https://account-access-login.example";

        var reply = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify",
            new { challengeId = challenge.Json!["challengeId"]!.GetValue<string>(), credential = authenticator.Assert(challenge.Json["passkeyOptions"]!) });

        ShouldBeRefused(reply, "wrong_origin");
    }

    private async Task<TestUser> RegisteredUserAsync()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.RegisterPasskeyAsync(await api.TokenAsync(user.Username, "employee"), authenticator);
        return user;
    }

    private async Task<JsonNode> OptionsAsync(string login)
    {
        var reply = await api.SendAsync(HttpMethod.Post, "/api/auth/passkey/options", new { login });
        return reply.ShouldBe(HttpStatusCode.OK).Json!;
    }

    /// <summary>What the options of a login show without comparing values that are random each time (the challenge, ids).</summary>
    private static string Shape(JsonNode reply)
    {
        var options = reply["options"]!.AsObject();
        var credentials = options["allowCredentials"]!.AsArray();
        return string.Join(",", reply.AsObject().Select(p => p.Key)) + "|" + string.Join(",", options.Select(p => p.Key))
            + "|" + (credentials.Count > 0) + "|" + string.Join(",", credentials.SelectMany(c => c!.AsObject().Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal))
            + "|" + options["userVerification"] + options["rpId"];
    }

    private static void ShouldBeRefused(Reply reply, string reason)
    {
        reply.ShouldBeError(HttpStatusCode.BadRequest, "passkey_invalid");
        Assert.Equal(reason, reply.Details!["reason"]!.GetValue<string>());
    }
}
