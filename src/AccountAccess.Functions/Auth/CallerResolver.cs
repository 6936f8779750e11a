using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Works out who is calling: the operator (<c>X-Operator-Key</c>) or a signed-in user (<c>Authorization: Bearer</c>).
/// A user is read from storage on every call, so a deactivation or a new security stamp takes effect at once.
/// </summary>
public sealed class CallerResolver(OperatorKey operatorKey, IUserStore users, TimeProvider time)
{
    /// <summary>The caller, or null when the credentials are missing, wrong, expired or revoked.</summary>
    public async Task<Caller?> ResolveAsync(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue(OperatorKey.Header, out var presented))
        {
            return presented.Count == 1 && operatorKey.Matches(presented[0]!) ? Caller.Operator.Instance : null;
        }

        var authenticated = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!authenticated.Succeeded)
        {
            return null;
        }

        var principal = authenticated.Principal;
        var userId = principal.FindFirst(AccessTokenClaims.Subject)?.Value;
        var stamp = principal.FindFirst(AccessTokenClaims.SecurityStamp)?.Value;
        if (userId is null || stamp is null)
        {
            return null;
        }

        var user = await users.GetAsync(userId, context.RequestAborted);
        if (user is null || user.Value.SecurityStamp != stamp || user.Value.IsDeactivatedAt(time.GetUtcNow()))
        {
            return null;
        }

        return new Caller.SignedInUser(user.Value);
    }
}
