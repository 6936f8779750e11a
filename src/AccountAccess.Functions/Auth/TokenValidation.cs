using AccountAccess.Functions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// How our tokens are checked, in one place for the access tokens (JWT bearer) and the restricted ones: our issuer, the
/// audience of their kind, ES256 only (so neither <c>none</c> nor an HMAC keyed with a public key can pass), a published
/// key named by <c>kid</c>, and a 30-second clock skew.
/// </summary>
public static class TokenValidation
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static TokenValidationParameters For(SigningKeys keys, AuthOptions auth, string audience) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = audience,
        IssuerSigningKeys = keys.All,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        TryAllIssuerSigningKeys = false,
        ClockSkew = ClockSkew,
    };
}
