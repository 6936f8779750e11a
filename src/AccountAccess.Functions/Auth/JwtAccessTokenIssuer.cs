using System.Security.Claims;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Issues ES256 JWTs (header <c>kid</c>) with the first of <see cref="SigningKeys"/>: access tokens (<c>sub</c>, <c>sid</c>,
/// <c>role</c>, <c>org</c>, and the user's security stamp, so a token stops working when its session ends, the account is
/// deactivated or its password changes), and the restricted change and enrolment tokens, each for an audience of its own.
/// </summary>
public sealed class JwtAccessTokenIssuer(SigningKeys keys, AuthOptions options) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessToken Issue(User user, SignInGrant grant, string sessionId, DateTimeOffset now, DateTimeOffset notAfter)
    {
        var claims = new List<Claim>
        {
            new(AccessTokenClaims.Subject, user.Id),
            new(AccessTokenClaims.SessionId, sessionId),
            new(AccessTokenClaims.Role, grant.AsOperator ? AccessTokenClaims.OperatorRole : grant.Role.ToSnakeCase()),
            new(AccessTokenClaims.SecurityStamp, user.SecurityStamp),
        };
        claims.AddRange(grant.OrganizationIds.Select(id => new Claim(AccessTokenClaims.Organization, id)));
        var lifetimeEnd = now + options.AccessTokenLifetime;
        return Create(options.Audience, claims, now, notAfter < lifetimeEnd ? notAfter : lifetimeEnd);
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

        return Create(RestrictedTokens.AudienceOf(purpose, options), claims, now, now + RestrictedTokens.Lifetime);
    }

    private AccessToken Create(string audience, List<Claim> claims, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        claims.Add(new Claim(JwtRegisteredClaimNames.Jti, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()));
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = keys.Credentials,
        });
        return new AccessToken(token, expiresAt);
    }
}
