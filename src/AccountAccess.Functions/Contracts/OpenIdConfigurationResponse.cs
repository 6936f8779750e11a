using System.Text.Json.Serialization;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// <c>GET /api/.well-known/openid-configuration</c>: what a resource server's JWT middleware reads to find our issuer and
/// keys (OpenID Connect Discovery 1.0 §3 names the fields, hence their snake_case).
/// </summary>
public sealed record OpenIdConfigurationResponse(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> IdTokenSigningAlgValuesSupported);
