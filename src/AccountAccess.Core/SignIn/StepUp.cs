using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// A signed-in person proves the password again before a sensitive change (API.md "Step-up rule"; ASVS 3.7.1: a token
/// alone must not do it). A wrong password counts as a failed sign-in of the account, with sign-in's own lockout
/// (<see cref="Lockout.RegisterFailure"/>, the same policy), and its hash takes its turn at the cores like a sign-in's
/// (<see cref="IHashAdmission"/>): a stolen access token can neither guess the password without limit nor make the server
/// hash at will.
/// </summary>
public sealed class StepUp(
    IUserStore users,
    IOrganizationStore organizations,
    PasswordHashing hashing,
    UserUpdater updater,
    LockoutSettings lockoutSettings,
    TimeProvider time,
    IHashAdmission? hashAdmission = null)
{
    private static readonly Failure InvalidCredentials = Failure.Of(ErrorCode.InvalidCredentials);

    private readonly IHashAdmission admission = hashAdmission ?? UnlimitedHashAdmission.Instance;

    /// <summary>
    /// Null when <paramref name="password"/> is the password of <paramref name="userId"/> (its failed-attempt count starts
    /// again, as at sign-in); otherwise <c>invalid_credentials</c>, the failure counted, and the account as locked by it
    /// when it was one too many.
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
            var failed = await updater.UpdateAsync(stored, user =>
            {
                var (updated, events) = Lockout.RegisterFailure(user, policy, context, time.GetUtcNow());
                return new UserChange(updated, events);
            }, cancellationToken);
            var lockedNow = failed.Succeeded && failed.Value.IsDeactivatedAt(time.GetUtcNow()) && !stored.Value.IsDeactivatedAt(time.GetUtcNow());
            return (InvalidCredentials, lockedNow ? failed.Value : null);
        }

        await updater.UpdateAsync(stored, user =>
        {
            var (updated, events) = Lockout.RegisterSuccess(user, context, time.GetUtcNow());
            return new UserChange(updated, events);
        }, cancellationToken);
        return (null, null);
    }
}
