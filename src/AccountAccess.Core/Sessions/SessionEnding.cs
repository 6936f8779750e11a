using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// Ending sessions before their time: signing out, the holder ending one from the list, an administrator ending all.
/// Each marks the entries in the user's list, so the session's access tokens are refused at once (every authenticated
/// call reads that list with the user) and its refresh token with them; each is audited. A password change, reset,
/// deactivation, second-factor reset or erasure ends every session without coming here: they renew the security stamp
/// the sessions were opened under (or remove the user).
/// </summary>
public sealed class SessionEnding(UserUpdater updater, TimeProvider time)
{
    /// <summary>POST /api/auth/logout: the caller's own session ends.</summary>
    public async Task<Result> SignOutAsync(Caller.SignedInUser caller, RequestContext context, CancellationToken cancellationToken) =>
        caller.SessionId is { } sessionId
            ? await EndAsync(caller.User.Id, s => s.Id == sessionId, SessionEndReason.SignedOut, context, cancellationToken)
            : Failure.Of(ErrorCode.Unauthorized);

    /// <summary>DELETE /api/account/sessions/{id}: one of the caller's own open sessions ends; anyone else's is <c>not_found</c>.</summary>
    public Task<Result> EndOwnAsync(Caller.SignedInUser caller, string sessionId, RequestContext context, CancellationToken cancellationToken) =>
        EndAsync(caller.User.Id, s => s.Id == sessionId, SessionEndReason.EndedByHolder, context, cancellationToken);

    /// <summary>
    /// DELETE /api/users/{id}/sessions: every open session of the user ends (operators; administrators when every
    /// membership of the user is in their organization, else <c>other_organizations</c>: sessions belong to the whole account).
    /// </summary>
    public async Task<Result> EndAllAsync(Caller caller, string userId, RequestContext context, CancellationToken cancellationToken)
    {
        var result = await updater.UpdateAsync(userId, user =>
        {
            if (AccessRules.Refusal(caller, user, UserAction.EndSessions) is { } refused)
            {
                return refused;
            }

            var change = SessionRules.End(user, _ => true, SessionEndReason.EndedByAdministrator, context, time.GetUtcNow());
            return change.Succeeded || change.Failure!.Code != ErrorCode.NotFound ? change : UserChange.None(user);
        }, cancellationToken);

        // Only an operator learns that an account does not exist; anyone else cannot tell it from one outside their organization.
        return result.Succeeded ? Result.Success
            : result.Failure!.Code == ErrorCode.NotFound && caller is not Caller.Operator ? Failure.Of(ErrorCode.Forbidden)
            : result.Failure!;
    }

    private async Task<Result> EndAsync(string userId, Func<SessionEntry, bool> which, SessionEndReason reason, RequestContext context, CancellationToken cancellationToken)
    {
        var result = await updater.UpdateAsync(userId, user => SessionRules.End(user, which, reason, context, time.GetUtcNow()), cancellationToken);
        return result.Succeeded ? Result.Success : result.Failure!;
    }
}
