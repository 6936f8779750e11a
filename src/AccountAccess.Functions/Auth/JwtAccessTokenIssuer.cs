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
        var claims = new List<Claim>
        {
            new(AccessTokenClaims.Subject, user.Id),
            new(AccessTokenClaims.Role, grant.AsOperator ? AccessTokenClaims.OperatorRole : grant.Role.ToSnakeCase()),
            new(AccessTokenClaims.SecurityStamp, user.SecurityStamp),
        };
        claims.AddRange(grant.OrganizationIds.Select(id => new Claim(AccessTokenClaims.Organization, id)));
        return Create(AccessTokenClaims.Audience, claims, now, options.AccessTokenLifetime);
    }

    public AccessToken IssueRestricted(User user, TokenPurpose purpose, SignInAttempt attempt, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(AccessTokenClaims.Subject, user.Id),
            new(AccessTokenClaims.CredentialVersion, CredentialVersion.Of(user)),
            new(AccessTokenClaims.Portal, attempt.Portal.ToSnakeCase()),
        };
        if (attempt.AppVersion is { } appVersion)
        {
            claims.Add(new Claim(AccessTokenClaims.AppVersion, appVersion.ToString()));
        }

        return Create(RestrictedTokens.AudienceOf(purpose), claims, now, RestrictedTokens.Lifetime);
    }

    private AccessToken Create(string audience, List<Claim> claims, DateTimeOffset now, TimeSpan lifetime)
    {
        var expiresAt = now + lifetime;
        claims.Add(new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")));
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokenClaims.Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expiresAt);
    }
}
