using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// Who is acting on their own account: a signed-in user, or — for the enrolment routes only — the holder of the
/// enrolment token a sign-in gave because an organization requires a second factor the user has not set up yet.
/// </summary>
public sealed class AccountHolderResolver(CallerResolver callers, RestrictedTokens restrictedTokens, IUserStore users, TimeProvider time)
{
    public async Task<User?> ResolveAsync(HttpContext context, bool allowEnrollmentToken)
    {
        if (await callers.ResolveAsync(context) is Caller.SignedInUser { User: var user })
        {
            return user;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!allowEnrollmentToken || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || await restrictedTokens.ReadAsync(header["Bearer ".Length..].Trim(), TokenPurpose.TwoFactorEnrollment) is not { } holder)
        {
            return null;
        }

        var stored = await users.GetAsync(holder.UserId, context.RequestAborted);
        return stored is null || CredentialVersion.Of(stored.Value) != holder.CredentialVersion || stored.Value.IsDeactivatedAt(time.GetUtcNow()) ? null : stored.Value;
    }
}
