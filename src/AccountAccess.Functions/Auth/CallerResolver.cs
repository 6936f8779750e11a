using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Works out who is calling: the operator (<c>X-Operator-Key</c>) or a signed-in user (<c>Authorization: Bearer</c>).
/// A user is read from storage on every call, so a deactivation, a new security stamp or the end of the token's session
/// (<c>sid</c>: the user's document lists its sessions) takes effect at once, for that one read.
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
        var sessionId = principal.FindFirst(AccessTokenClaims.SessionId)?.Value;
        if (userId is null || stamp is null || sessionId is null)
        {
            return null;
        }

        var user = await users.GetAsync(userId, context.RequestAborted);
        var now = time.GetUtcNow();
        if (user is null || user.Value.SecurityStamp != stamp || user.Value.IsDeactivatedAt(now) || !user.Value.HasOpenSession(sessionId, now))
        {
            return null;
        }

        return new Caller.SignedInUser(user.Value, sessionId);
    }
}
