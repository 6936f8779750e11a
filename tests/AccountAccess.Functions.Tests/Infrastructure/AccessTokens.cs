using System.Security.Claims;
using AccountAccess.Functions.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>Forged access tokens: the claims of a real one, re-signed with a chosen lifetime or key.</summary>
public static class AccessTokens
{
    /// <summary>The claims of <paramref name="realToken"/>, signed with the test app's key, expired an hour ago.</summary>
    public static string Expired(string realToken) =>
        Resign(realToken, TestSigningKeys.AppKey, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));

    /// <summary>The claims of <paramref name="realToken"/>, still valid in time, signed with a key the app does not know.</summary>
    public static string SignedWithAnotherKey(string realToken) =>
        Resign(realToken, SigningKeys.GeneratePem(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1));

    /// <summary>The claims of <paramref name="realToken"/> with <paramref name="change"/> applied, re-signed with <paramref name="pem"/>.</summary>
    public static string Resign(string realToken, string pem, DateTime notBefore, DateTime expires, Func<Claim, Claim>? change = null)
    {
        var original = new JsonWebTokenHandler().ReadJsonWebToken(realToken);
        var claims = original.Claims.Where(c => c.Type is not ("exp" or "nbf" or "iat" or "iss" or "aud")).Select(change ?? (c => c)).ToList();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = original.Issuer,
            Audience = original.Audiences.First(),
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = SigningKeys.FromPem([pem]).Credentials,
        });
    }
}
