using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Features;

/// <summary>
/// What other services need to check our access tokens without being able to make one (API.md "Sessions and tokens"):
/// the public keys, and the discovery document that points a JWT middleware at them
/// (<c>AddJwtBearer(o =&gt; o.MetadataAddress = "…/api/.well-known/openid-configuration")</c>).
/// </summary>
public sealed class TokenFunctions(SigningKeys keys, AuthOptions auth, HostJson hostJson)
{
    /// <summary>
    /// How long a service may keep the keys: a key rotated in is published for at least this long before it signs
    /// (infra/README.md, "Rotating the signing keys"). Defaults to five minutes.
    /// </summary>
    public static readonly TimeSpan KeysCacheDuration = TimeSpan.FromMinutes(5);

    [Function(nameof(Jwks))]
    [OpenApiOperation("The public keys that verify access tokens (JWKS)")]
    public Ok<JsonWebKeySetResponse> Jwks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/jwks")] HttpRequest req)
    {
        Cacheable(req.HttpContext.Response);
        return TypedResults.Ok(new JsonWebKeySetResponse(keys.Published));
    }

    [Function(nameof(OpenIdConfiguration))]
    [OpenApiOperation("The discovery document that points JWT middleware at the keys")]
    public Ok<OpenIdConfigurationResponse> OpenIdConfiguration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ".well-known/openid-configuration")] HttpRequest req)
    {
        Cacheable(req.HttpContext.Response);

        // The keys are served where this document was asked for: the API's own host, which may differ from the issuer
        // (in Azure the issuer is the pages' address, the API a Function App).
        var jwksUri = $"{req.Scheme}://{req.Host}{req.PathBase}/{hostJson.PathOf("auth/jwks")}";
        return TypedResults.Ok(new OpenIdConfigurationResponse(auth.Issuer!, jwksUri, [SecurityAlgorithms.EcdsaSha256]));
    }

    // Public keys and where to find them are no secret: caches may keep them (the pipeline's default is no-store).
    private static void Cacheable(HttpResponse response) =>
        response.Headers.CacheControl = $"public, max-age={(int)KeysCacheDuration.TotalSeconds}";
}
