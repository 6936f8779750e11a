using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// The passkey ceremonies of API.md spoken over HTTP with a <see cref="SoftwareAuthenticator"/> standing for the browser and
/// the person's authenticator: register one (options with the password, then the answer), sign in with one.
/// </summary>
public static class PasskeyCeremonies
{
    /// <summary>The origin of the pages the test apps serve passkeys to (their default <c>Links:PublicBaseUrl</c>).</summary>
    public const string Origin = "http://localhost:7071";

    public static Task<Reply> RegistrationOptionsAsync(this Api api, string bearer, string password = Api.Password) =>
        api.SendAsync(HttpMethod.Post, "/api/account/passkeys/options", new { password }, bearer: bearer);

    /// <summary>Registers the passkey of <paramref name="authenticator"/> (201 asserted); the answer's <c>id</c>, <c>name</c>, <c>createdAt</c>.</summary>
    public static async Task<JsonNode> RegisterPasskeyAsync(this Api api, string bearer, SoftwareAuthenticator authenticator, string? name = null)
    {
        var options = await api.RegistrationOptionsAsync(bearer);
        options.ShouldBe(HttpStatusCode.OK);
        var registered = await api.SendAsync(HttpMethod.Post, "/api/account/passkeys", new
        {
            challengeId = options.Json!["challengeId"]!.GetValue<string>(),
            name,
            credential = authenticator.Register(options.Json["options"]!),
        }, bearer: bearer);
        registered.ShouldBe(HttpStatusCode.Created);
        return registered.Json!;
    }

    /// <summary>Sign-in options (for <paramref name="login"/>, or any discoverable passkey) and the authenticator's answer to them.</summary>
    public static async Task<(string ChallengeId, JsonNode Options, JsonObject Answer)> AnswerPasskeySignInAsync(this Api api, SoftwareAuthenticator authenticator, string? login = null)
    {
        var options = await api.SendAsync(HttpMethod.Post, "/api/auth/passkey/options", login is null ? new { } : new { login });
        options.ShouldBe(HttpStatusCode.OK);
        return (options.Json!["challengeId"]!.GetValue<string>(), options.Json["options"]!, authenticator.Assert(options.Json["options"]!));
    }

    public static Task<Reply> VerifyPasskeySignInAsync(this Api api, string challengeId, JsonObject answer, string portal = "employee") =>
        api.SendAsync(HttpMethod.Post, "/api/auth/passkey/verify", new { challengeId, credential = answer, portal });

    /// <summary>Signs in with the passkey alone; the reply.</summary>
    public static async Task<Reply> PasskeySignInAsync(this Api api, SoftwareAuthenticator authenticator, string? login = null, string portal = "employee")
    {
        var (challengeId, _, answer) = await api.AnswerPasskeySignInAsync(authenticator, login);
        return await api.VerifyPasskeySignInAsync(challengeId, answer, portal);
    }
}
