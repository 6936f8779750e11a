using System.Net;
using System.Security.Claims;
using System.Text;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>ES256 access tokens and the published keys (API.md "Sessions and tokens"), over HTTP.</summary>
[Collection(AppCollection.Name)]
public sealed class TokenFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task The_keys_are_a_json_web_key_set_that_caches_may_keep_five_minutes()
    {
        var reply = await api.SendAsync(HttpMethod.Get, "/api/auth/jwks");

        reply.ShouldBe(HttpStatusCode.OK);
        var key = Assert.Single(reply.Json!["keys"]!.AsArray())!;
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], key.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("EC", "P-256", "sig", "ES256"), (key.Text("kty"), key.Text("crv"), key.Text("use"), key.Text("alg")));
        Assert.Equal("public, max-age=300", reply.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task An_access_token_is_an_ES256_JWT_naming_a_published_key_and_living_fifteen_minutes()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();
        var jwks = (await api.SendAsync(HttpMethod.Get, "/api/auth/jwks")).Json!;

        var token = new JsonWebTokenHandler().ReadJsonWebToken((await api.SignInAsync(user.Username)).Text("accessToken"));

        Assert.Equal("ES256", token.Alg);
        Assert.Equal(jwks["keys"]![0]!.Text("kid"), token.Kid);
        Assert.Equal((user.Id, "employee", organizationId), (token.Subject, token.GetClaim("role").Value, token.GetClaim("org").Value));
        Assert.Equal("account-access", Assert.Single(token.Audiences));
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
        Assert.Equal(token.IssuedAt, token.ValidFrom);
    }

    [Fact]
    public async Task The_discovery_document_names_the_tokens_issuer_and_where_the_keys_are()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var token = new JsonWebTokenHandler().ReadJsonWebToken((await api.SignInAsync(user.Username)).Text("accessToken"));

        var reply = await api.SendAsync(HttpMethod.Get, "/api/.well-known/openid-configuration");

        reply.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(token.Issuer, reply.Json!.Text("issuer"));
        Assert.Equal(["ES256"], reply.Json!["id_token_signing_alg_values_supported"]!.AsArray().Select(a => a!.GetValue<string>()));
        (await api.Http.GetAsync(reply.Json!.Text("jwks_uri"))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_service_holding_the_published_keys_cannot_forge_a_token_the_app_accepts()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var (_, _, victim) = await api.CreateStaffAsync("administrator");
        var signedIn = await api.SignInAsync(user.Username);
        var jwks = (await api.SendAsync(HttpMethod.Get, "/api/auth/jwks")).ShouldBe(HttpStatusCode.OK).Json!;
        var published = jwks["keys"]![0]!;
        var real = new JsonWebTokenHandler().ReadJsonWebToken(signedIn.Text("accessToken"));
        var claims = real.Claims.Where(c => c.Type is not ("exp" or "nbf" or "iat" or "iss" or "aud")).Select(c => c.Type == "sub" ? new Claim("sub", victim.Id) : c).ToList();

        // Algorithm confusion: HS256 keyed with the public key's own bytes, the classic forgery of a validator that trusts the header.
        var publicKeyBytes = Encoding.UTF8.GetBytes(published.ToJsonString());
        var hmacForgery = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = real.Issuer,
            Audience = real.Audiences.First(),
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(publicKeyBytes.Concat(new byte[32]).ToArray()) { KeyId = published.Text("kid") }, SecurityAlgorithms.HmacSha256),
        });
        var unsigned = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + real.EncodedPayload + ".";

        foreach (var forged in new[] { hmacForgery, unsigned })
        {
            (await api.SendAsync(HttpMethod.Get, $"/api/users/{victim.Id}", bearer: forged)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_app_does_not_publish_is_refused()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        var token = (await api.SignInAsync(user.Username)).Text("accessToken");

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", bearer: AccessTokens.SignedWithAnotherKey(token))).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
