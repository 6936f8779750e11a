using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Works out who is calling: the operator (<c>X-Operator-Key</c>) or a signed-in user (<c>Authorization: Bearer</c>).
/// A user is read from storage on every call, so a deactivation, a new security stamp or the end of the token's session
/// (<c>sid</c>: the user's document lists its sessions) takes effect at once, for that one read; so is a support
/// account's right to act as an operator (its token says <c>role: operator</c>, the account as stored must still be in
/// the <see cref="SupportTeam"/>, else it acts as the administrator it is).
/// </summary>
public sealed class CallerResolver(OperatorKey operatorKey, IUserStore users, TimeProvider time, SupportTeam supportTeam)
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

        return principal.FindFirst(AccessTokenClaims.Role)?.Value == AccessTokenClaims.OperatorRole && supportTeam.Includes(user.Value)
            ? Caller.Operator.Of(user.Value)
            : new Caller.SignedInUser(user.Value, sessionId);
    }
}
