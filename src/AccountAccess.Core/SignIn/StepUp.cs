using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// A signed-in person proves the password again before a sensitive change — a new password, a second factor replaced,
/// added beside another or removed (ASVS 3.7.1: a token alone must not do it). A wrong password counts as a failed sign-in
/// of the account, with sign-in's own lockout (<see cref="Lockout.RegisterFailure"/>, the same policy), and its hash takes
/// its turn at the cores like a sign-in's (<see cref="IHashAdmission"/>): a stolen access token can neither guess the
/// password without limit nor make the server hash at will. The per-IP failure budget is the HTTP pipeline's (the routes
/// are rate-limited per IP, and their <c>invalid_credentials</c> counts as a failed sign-in there). A lock it sets is told to
/// the holder, as sign-in's is.
/// </summary>
public sealed class StepUp(
    IUserStore users,
    IOrganizationStore organizations,
    PasswordHashing hashing,
    UserUpdater updater,
    LockoutSettings lockoutSettings,
    TimeProvider time,
    IHashAdmission? hashAdmission = null,
    HolderNotifier? holders = null)
{
    private static readonly Failure InvalidCredentials = Failure.Of(ErrorCode.InvalidCredentials);

    private readonly IHashAdmission admission = hashAdmission ?? UnlimitedHashAdmission.Instance;

    /// <summary>
    /// Null when <paramref name="password"/> is the password of <paramref name="userId"/> (its failed-attempt count starts
    /// again, as at sign-in); otherwise <c>invalid_credentials</c>, the failure counted, and the lock that follows if it
    /// was one too many — with the account just deactivated, when it was.
    /// </summary>
    public async Task<(Failure? Failure, User? LockedNow)> ProveAsync(string userId, string password, RequestContext context, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return (InvalidCredentials, null);
        }

        var organizationsRead = organizations.GetManyAsync(stored.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        PasswordCheck check;
        using (await admission.AdmitAsync(context.Ip, cancellationToken))
        {
            check = hashing.Verify(stored.Value.Password?.Hash, password);
        }

        var memberOf = await organizationsRead;
        if (check == PasswordCheck.Wrong)
        {
            var policy = LockoutPolicy.For(memberOf, lockoutSettings.DurationOverride);
            AccountLockedNotice? locked = null;
            var failed = await updater.UpdateAsync(stored, user =>
            {
                var now = time.GetUtcNow();
                var (updated, events) = Lockout.RegisterFailure(user, policy, context, now);
                locked = LockNotices.For(user, updated, policy, context.Ip, now);
                return new UserChange(updated, events);
            }, cancellationToken);
            if (locked is not null && failed.Succeeded)
            {
                holders?.Dispatch(failed.Value, locked);
                return (InvalidCredentials, failed.Value);
            }

            return (InvalidCredentials, null);
        }

        await updater.UpdateAsync(stored, user =>
        {
            var (updated, events) = Lockout.RegisterSuccess(user, context, time.GetUtcNow());
            return new UserChange(updated, events);
        }, cancellationToken);
        return (null, null);
    }
}
