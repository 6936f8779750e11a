using System.Security.Claims;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Issues JWT access tokens signed with HMAC-SHA256: subject, role, organizations and the user's security stamp, so
/// a token stops working when the account is deactivated or its password changes.
/// </summary>
public sealed class JwtAccessTokenIssuer(SigningKey signingKey, AuthOptions options) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler handler = new();

    public AccessToken Issue(User user, SignInGrant grant, DateTimeOffset now)
    {
        var expiresAt = now + options.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(AccessTokenClaims.Subject, user.Id),
            new(AccessTokenClaims.Role, grant.Role.ToSnakeCase()),
            new(AccessTokenClaims.SecurityStamp, user.SecurityStamp),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(grant.OrganizationIds.Select(id => new Claim(AccessTokenClaims.Organization, id)));

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokenClaims.Issuer,
            Audience = AccessTokenClaims.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expiresAt);
    }

    public AccessToken IssueChangeToken(User user, SignInAttempt attempt, DateTimeOffset now)
    {
        var expiresAt = now + ChangeTokens.Lifetime;
        var claims = new List<Claim>
        {
            new(AccessTokenClaims.Subject, user.Id),
            new(AccessTokenClaims.SecurityStamp, user.SecurityStamp),
            new(AccessTokenClaims.Portal, attempt.Portal.ToSnakeCase()),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (attempt.AppVersion is { } appVersion)
        {
            claims.Add(new Claim(AccessTokenClaims.AppVersion, appVersion.ToString()));
        }

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokenClaims.Issuer,
            Audience = AccessTokenClaims.ChangeTokenAudience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expiresAt);
    }
}
