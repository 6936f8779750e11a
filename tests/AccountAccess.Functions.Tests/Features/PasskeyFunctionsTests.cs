using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Passkeys over HTTP (API.md "Passkeys (WebAuthn, FIDO2)"), a software authenticator standing for the person's: added
/// with the password again, listed, renamed, removed; a sign-in with one alone, with or without a login; the passkey as a
/// second factor; policy <c>requirePhishingResistant</c>.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PasskeyFunctionsTests(AppFixture fixture) : IDisposable
{
    private readonly Api api = fixture.Api;
    private readonly SoftwareAuthenticator authenticator = new(PasskeyCeremonies.Origin);

    public void Dispose() => authenticator.Dispose();

    [Fact]
    public async Task Registration_options_are_a_json_object_with_base64url_fields_a_discoverable_credential_preferred_and_no_store()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.RegistrationOptionsAsync(await api.TokenAsync(user.Username, "employee"));

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.StartsWith("pkc_", reply.Json!["challengeId"]!.GetValue<string>(), StringComparison.Ordinal);
        var options = reply.Json["options"]!.AsObject();
        Assert.Equal("localhost", options["rp"]!["id"]!.GetValue<string>());
        Assert.Equal(user.Id, System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(options["user"]!["id"]!.GetValue<string>())));
        Assert.Equal("preferred", options["authenticatorSelection"]!["residentKey"]!.GetValue<string>());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", options["challenge"]!.GetValue<string>());
        Assert.Equal("no-store", reply.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task A_passkey_is_added_listed_renamed_and_removed()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(user.Username, "employee");

        var added = await api.RegisterPasskeyAsync(token, authenticator, "Work laptop");
        var id = added["id"]!.GetValue<string>();
        var listed = await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: token);
        var renamed = await api.SendAsync(HttpMethod.Patch, $"/api/account/passkeys/{id}", new { name = "Old laptop" }, bearer: token);
        var removed = await api.SendAsync(HttpMethod.Delete, $"/api/account/passkeys/{id}", new { password = Api.Password }, bearer: token);
        var after = await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: token);

        Assert.StartsWith("pk_", id, StringComparison.Ordinal);
        Assert.Equal("Work laptop", added["name"]!.GetValue<string>());
        Assert.NotNull(added["createdAt"]);
        var passkey = Assert.Single(listed.ShouldBe(HttpStatusCode.OK).Json!["passkeys"]!.AsArray())!;
        Assert.Equal((id, "Work laptop"), (passkey["id"]!.GetValue<string>(), passkey["name"]!.GetValue<string>()));
        Assert.True(passkey.AsObject().ContainsKey("lastUsedAt") && passkey["lastUsedAt"] is null, "lastUsedAt: null until first used");
        Assert.Equal("Old laptop", renamed.ShouldBe(HttpStatusCode.OK).Json!["name"]!.GetValue<string>());
        removed.ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(after.Json!["passkeys"]!.AsArray());
        var actions = (await api.EventsAsync(user.Id)).Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("passkey_added", actions);
        Assert.Contains("passkey_renamed", actions);
        Assert.Contains("passkey_removed", actions);
    }

    [Fact]
    public async Task A_passkey_signs_the_person_in_alone_without_a_login()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.RegisterPasskeyAsync(await api.TokenAsync(user.Username, "employee"), authenticator);

        var reply = await api.PasskeySignInAsync(authenticator);

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("ok", reply.Json!["status"]!.GetValue<string>());
        Assert.Equal(user.Id, reply.Json["user"]!["id"]!.GetValue<string>());
        Assert.Equal("no-store", reply.Headers["Cache-Control"]);
        (await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: reply.Json["accessToken"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_passkey_signs_the_person_in_after_the_login_is_typed()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.RegisterPasskeyAsync(await api.TokenAsync(user.Username, "employee"), authenticator);
        authenticator.SendsUserHandle = false;

        var reply = await api.PasskeySignInAsync(authenticator, login: user.Email.ToUpperInvariant());

        Assert.Equal("ok", reply.ShouldBe(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_passkey_sign_in_goes_through_the_portal_rule()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.RegisterPasskeyAsync(await api.TokenAsync(user.Username, "employee"), authenticator);

        var reply = await api.PasskeySignInAsync(authenticator, portal: "management");

        reply.ShouldBeError(HttpStatusCode.Forbidden, "wrong_portal");
    }

    [Fact]
    public async Task A_passkey_sign_in_goes_through_the_minimum_app_version()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { minimumAppVersion = "4.0.0" });
        await api.RegisterPasskeyAsync(await api.TokenAsync(user.Username, "employee"), authenticator);
        var (challengeId, _, answer) = await api.AnswerPasskeySignInAsync(authenticator);

        var reply = await api.SendAsync(HttpMethod.Post, "/api/auth/passkey/verify", new { challengeId, credential = answer, portal = "employee", appVersion = "3.9.0" });

        reply.ShouldBeError(HttpStatusCode.UpgradeRequired, "app_update_required");
    }

    [Fact]
    public async Task A_password_sign_in_offers_the_passkey_first_and_the_passkey_answers_the_second_factor()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.RegisterPasskeyAsync(await api.TokenAsync(user.Username, "employee"), authenticator);

        var challenge = await api.LoginAsync(user.Username);
        var options = challenge.Json!["passkeyOptions"]!;
        var verified = await api.SendAsync(HttpMethod.Post, "/api/auth/2fa/verify",
            new { challengeId = challenge.Json["challengeId"]!.GetValue<string>(), credential = authenticator.Assert(options) });

        Assert.Equal("two_factor_required", challenge.Json["status"]!.GetValue<string>());
        Assert.Equal("passkey", challenge.Json["methods"]![0]!.GetValue<string>());
        Assert.Single(options["allowCredentials"]!.AsArray());
        Assert.Equal("ok", verified.ShouldBe(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_passkey_removed_no_longer_signs_in()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var token = await api.TokenAsync(user.Username, "employee");
        var id = (await api.RegisterPasskeyAsync(token, authenticator))["id"]!.GetValue<string>();
        (await api.SendAsync(HttpMethod.Delete, $"/api/account/passkeys/{id}", new { password = Api.Password }, bearer: token)).ShouldBe(HttpStatusCode.NoContent);

        var reply = await api.PasskeySignInAsync(authenticator);

        reply.ShouldBeError(HttpStatusCode.BadRequest, "passkey_invalid");
        Assert.Equal("unknown_credential", reply.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_passkeys_needs_a_signed_in_holder()
    {
        (await api.SendAsync(HttpMethod.Get, "/api/account/passkeys")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Renaming_a_passkey_the_account_does_not_have_is_not_found()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.SendAsync(HttpMethod.Patch, "/api/account/passkeys/pk_nothere", new { name = "x" }, bearer: await api.TokenAsync(user.Username, "employee"));

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_policy_requiring_phishing_resistant_sign_in_is_off_by_default_and_kept_when_set()
    {
        var organizationId = await api.CreateOrganizationAsync(new { requirePhishingResistant = true });

        var organization = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}", asOperator: true);

        Assert.True(organization.Json!["policy"]!["requirePhishingResistant"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Under_the_phishing_resistant_policy_a_member_without_a_passkey_sets_one_up_then_signs_in_with_it()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { requirePhishingResistant = true });

        var first = await api.LoginAsync(user.Username);
        var enrollmentToken = first.Json!["enrollmentToken"]!.GetValue<string>();
        await api.RegisterPasskeyAsync(enrollmentToken, authenticator);
        var withPassword = await api.LoginAsync(user.Username);
        var alone = await api.PasskeySignInAsync(authenticator);

        Assert.Equal("two_factor_enrollment_required", first.Json["status"]!.GetValue<string>());
        Assert.Equal(["passkey"], first.Json["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["passkey"], withPassword.Json!["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("ok", alone.ShouldBe(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
        (await api.SendAsync(HttpMethod.Get, "/api/account/passkeys", bearer: enrollmentToken)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_diagnosis_lists_the_passkey_among_the_second_factors()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.RegisterPasskeyAsync(await api.TokenAsync(user.Username, "employee"), authenticator);

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.True(diagnosis["twoFactor"]!["enrolled"]!.GetValue<bool>());
        Assert.Contains("passkey", diagnosis["twoFactor"]!["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
    }
}
