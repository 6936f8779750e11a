using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Reads the restricted tokens sign-in hands out (a change token with <c>password_change_required</c>, an enrolment token
/// with <c>two_factor_enrollment_required</c>): signed like access tokens but each for its own audience, valid ten
/// minutes, and void once the account's credential version changes (a new password, a factor added or removed, a lock).
/// </summary>
public sealed class RestrictedTokens(SigningKey signingKey, TimeProvider time)
{
    /// <summary>How long a restricted token works. Defaults to ten minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string AudienceOf(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.PasswordChange => AccessTokenClaims.ChangeTokenAudience,
        _ => AccessTokenClaims.EnrollmentTokenAudience,
    };

    private readonly JsonWebTokenHandler handler = new();

    public sealed record Holder(string UserId, string CredentialVersion, SignInAttempt Attempt);

    public async Task<Holder?> ReadAsync(string token, TokenPurpose purpose)
    {
        var validation = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = AccessTokenClaims.Issuer,
            ValidAudience = AudienceOf(purpose),
            IssuerSigningKey = signingKey.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } end && time.GetUtcNow().UtcDateTime < end.AddSeconds(30),
        });
        if (!validation.IsValid)
        {
            return null;
        }

        string? Claim(string type) => validation.Claims.TryGetValue(type, out var value) ? value?.ToString() : null;
        var portal = Enum.GetValues<Portal>().FirstOrDefault(p => p.ToSnakeCase() == Claim(AccessTokenClaims.Portal));
        AppVersion.TryParse(Claim(AccessTokenClaims.AppVersion), out var appVersion);
        return Claim(AccessTokenClaims.Subject) is { } userId && Claim(AccessTokenClaims.CredentialVersion) is { } version
            ? new Holder(userId, version, new SignInAttempt(portal, appVersion))
            : null;
    }
}
