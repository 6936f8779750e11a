using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>A passkey ceremony's options live <c>Passkeys:CeremonyLifetime</c> (shrunk to two seconds here): an answer after that is refused.</summary>
public sealed class PasskeyExpiryTests(PasskeyExpiryTests.ShortCeremonies app) : IClassFixture<PasskeyExpiryTests.ShortCeremonies>
{
    public sealed class ShortCeremonies : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Passkeys__CeremonyLifetime"] = "00:00:02",
        };
    }

    [Fact]
    public async Task A_passkey_answer_given_after_its_options_expired_does_not_sign_in()
    {
        using var authenticator = new SoftwareAuthenticator(PasskeyCeremonies.Origin);
        var (_, _, user) = await app.Api.CreateStaffAsync();
        var token = await app.Api.TokenAsync(user.Username, "employee");
        var options = (await app.Api.RegistrationOptionsAsync(token)).ShouldBe(HttpStatusCode.OK).Json!;
        var answer = authenticator.Register(options["options"]!);
        var expiresAt = DateTimeOffset.Parse(options["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expiresAt + TimeSpan.FromMilliseconds(500)));

        var reply = await app.Api.SendAsync(HttpMethod.Post, "/api/account/passkeys",
            new { challengeId = options["challengeId"]!.GetValue<string>(), credential = answer }, bearer: token);

        reply.ShouldBeError(HttpStatusCode.BadRequest, "passkey_invalid");
        Assert.Equal("challenge_expired", reply.Details!["reason"]!.GetValue<string>());
    }
}
