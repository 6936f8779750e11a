using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Auth;

/// <summary>The public half of a signing key as a JSON Web Key (RFC 7517, 7518 §6.2): what a service needs to check a token, and no more.</summary>
public sealed record PublishedKey(string Kty, string Crv, string Kid, string Use, string Alg, string X, string Y)
{
    public static PublishedKey Of(ECDsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
        return new PublishedKey("EC", "P-256", key.KeyId, "sig", SecurityAlgorithms.EcdsaSha256, jwk.X, jwk.Y);
    }
}
