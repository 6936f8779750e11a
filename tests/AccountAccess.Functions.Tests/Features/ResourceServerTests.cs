using System.Net;
using System.Net.Http.Json;
using System.Text;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// What the issue is for: another service checks our access tokens with standard JWT middleware pointed at our metadata
/// URL (<see cref="ResourceServer"/>), holding no secret. Two apps on the shared Azurite show a key rotation: one in the
/// middle of it (<c>Auth:SigningKeys</c> = the new key, then the old one), one after it (the new key alone).
/// </summary>
public sealed class ResourceServerTests(ResourceServerTests.RotatingKeyApps apps) : IClassFixture<ResourceServerTests.RotatingKeyApps>
{
    [Fact]
    public async Task A_service_pointed_at_our_metadata_accepts_our_access_token()
    {
        var (user, signedIn) = await apps.SignedInAsync(apps.AfterRotation);
        await using var service = await ResourceServer.StartAsync(apps.AfterRotation.BaseAddress);

        using var reply = await service.WhoAmIAsync(signedIn.Text("accessToken"));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var who = (await reply.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        Assert.Equal((user.Id, signedIn.Text("sessionId")), (who.Text("sub"), who.Text("sid")));
    }

    [Fact]
    public async Task A_service_refuses_a_token_whose_claims_were_altered()
    {
        var (_, signedIn) = await apps.SignedInAsync(apps.AfterRotation);
        await using var service = await ResourceServer.StartAsync(apps.AfterRotation.BaseAddress);
        var parts = signedIn.Text("accessToken").Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"employee\"", "\"administrator\"", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlEncoder.Encode(payload) + "." + parts[2];

        using var reply = await service.WhoAmIAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
    }

    [Fact]
    public async Task A_service_refuses_a_token_signed_with_a_key_we_never_published()
    {
        var (_, signedIn) = await apps.SignedInAsync(apps.AfterRotation);
        await using var service = await ResourceServer.StartAsync(apps.AfterRotation.BaseAddress);
        var unknownKid = AccessTokens.Resign(signedIn.Text("accessToken"), SigningKeys.GeneratePem(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10));

        using var reply = await service.WhoAmIAsync(unknownKid);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
        Assert.DoesNotContain(new JsonWebTokenHandler().ReadJsonWebToken(unknownKid).Kid, await apps.PublishedKidsAsync(apps.AfterRotation));
    }

    [Fact]
    public async Task A_token_of_the_old_key_works_while_it_is_published_and_not_once_it_is_rotated_out()
    {
        var (_, signedIn) = await apps.SignedInAsync(apps.AfterRotation);
        var oldKeyToken = AccessTokens.Resign(signedIn.Text("accessToken"), apps.OldKey, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10));
        await using var duringRotation = await ResourceServer.StartAsync(apps.DuringRotation.BaseAddress);
        await using var afterRotation = await ResourceServer.StartAsync(apps.AfterRotation.BaseAddress);

        using var accepted = await duringRotation.WhoAmIAsync(oldKeyToken);
        using var refused = await afterRotation.WhoAmIAsync(oldKeyToken);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task During_a_rotation_the_new_key_signs_and_both_are_published()
    {
        var (_, signedIn) = await apps.SignedInAsync(apps.DuringRotation);

        var kid = new JsonWebTokenHandler().ReadJsonWebToken(signedIn.Text("accessToken")).Kid;

        Assert.Equal(SigningKeys.FromPem([apps.NewKey]).Published[0].Kid, kid);
        Assert.Equal(SigningKeys.FromPem([apps.NewKey, apps.OldKey]).Published.Select(k => k.Kid), await apps.PublishedKidsAsync(apps.DuringRotation));
    }

    [Fact]
    public async Task A_service_refuses_a_change_token_for_an_access_token()
    {
        var organizationId = await apps.Api(apps.AfterRotation).CreateOrganizationAsync();
        var unitId = await apps.Api(apps.AfterRotation).CreateUnitAsync(organizationId);
        var user = await apps.Api(apps.AfterRotation).CreateUserAsync(organizationId, unitIds: [unitId]);
        await apps.Api(apps.AfterRotation).SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/password", new { newPassword = "Temporary-Horse-Battery-3" }, asOperator: true);
        var changeToken = (await apps.Api(apps.AfterRotation).LoginAsync(user.Username, "Temporary-Horse-Battery-3")).Json!.Text("changeToken");
        await using var service = await ResourceServer.StartAsync(apps.AfterRotation.BaseAddress);

        using var reply = await service.WhoAmIAsync(changeToken);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
    }

    /// <summary>The app in the middle of a rotation (the new key signs, the old one is still published) and after it.</summary>
    public sealed class RotatingKeyApps : IAsyncLifetime
    {
        public string OldKey { get; } = SigningKeys.GeneratePem();

        public string NewKey { get; } = SigningKeys.GeneratePem();

        public RunningApp DuringRotation { get; private set; } = null!;

        public RunningApp AfterRotation { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var starting = new[]
            {
                RunningApp.StartAsync(new Dictionary<string, string?> { ["Auth__SigningKeys__0"] = NewKey + "\n\n" + OldKey }),
                RunningApp.StartAsync(new Dictionary<string, string?> { ["Auth__SigningKeys__0"] = NewKey }),
            };
            (DuringRotation, AfterRotation) = (await starting[0], await starting[1]);
        }

        public Api Api(RunningApp app) => new(app.CreateClient());

        public async Task<(TestUser User, System.Text.Json.Nodes.JsonNode SignedIn)> SignedInAsync(RunningApp app)
        {
            var api = Api(app);
            var (_, _, user) = await api.CreateStaffAsync();
            return (user, await api.SignInAsync(user.Username));
        }

        public async Task<IReadOnlyList<string>> PublishedKidsAsync(RunningApp app) =>
            [.. (await Api(app).SendAsync(HttpMethod.Get, "/api/auth/jwks")).Json!["keys"]!.AsArray().Select(k => k!.Text("kid"))];

        public async Task DisposeAsync()
        {
            await DuringRotation.DisposeAsync();
            await AfterRotation.DisposeAsync();
        }
    }
}
