using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// Signs a person in: finds the account, proves the password, counts failures, then asks <see cref="SignInRules"/>.
/// A wrong password never reveals the account's state; only someone who proved the password learns why access is
/// refused. A successful sign-in costs three storage reads (login index, user, organizations) and no write unless a
/// failure count, an ended lock or an old hash must be cleared.
/// </summary>
public sealed class SignInHandler(
    IUserStore users,
    IOrganizationStore organizations,
    PasswordHashing hashing,
    IAccessTokenIssuer tokens,
    UserUpdater updater,
    LockoutSettings lockoutSettings,
    PasswordSettings passwordSettings,
    TimeProvider time)
{
    private static readonly Failure InvalidCredentials = Failure.Of(ErrorCode.InvalidCredentials);

    public async Task<Result<SignedIn>> SignInAsync(SignInRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var login = LoginName.Normalize(request.Login);
        var userId = login.Length == 0 ? null : await users.FindUserIdByLoginAsync(login, cancellationToken);
        var stored = userId is null ? null : await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            hashing.Verify(null, request.Password);
            return InvalidCredentials;
        }

        // The organizations load while the CPU-bound hash check runs.
        var organizationsRead = organizations.GetManyAsync(stored.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        var check = hashing.Verify(stored.Value.Password?.Hash, request.Password);
        var memberOf = await organizationsRead;

        if (check == PasswordCheck.Wrong && stored.Value.Password is null)
        {
            return InvalidCredentials;
        }

        if (check == PasswordCheck.Wrong)
        {
            var policy = LockoutPolicy.For(memberOf, lockoutSettings.DurationOverride);
            await updater.UpdateAsync(stored, user =>
            {
                var (updated, events) = Lockout.RegisterFailure(user, policy, context, time.GetUtcNow());
                return new UserChange(updated, events);
            }, cancellationToken);
            return InvalidCredentials;
        }

        var provenHash = stored.Value.Password!.Hash;
        var upgradedHash = check == PasswordCheck.CorrectButRehashNeeded ? hashing.Hash(request.Password) : null;
        var now = time.GetUtcNow();
        var afterProof = await updater.UpdateAsync(stored, user => RegisterProvenPassword(user, provenHash, upgradedHash, context, now), cancellationToken);
        if (!afterProof.Succeeded)
        {
            return InvalidCredentials;
        }

        return Complete(afterProof.Value, memberOf, request.Attempt, now);
    }

    /// <summary>
    /// What a person who proved who they are gets: the first blocker, or a change token when the password must be
    /// replaced first, or an access token. Also the last step of the change-token flow.
    /// </summary>
    public Result<SignedIn> Complete(User user, IReadOnlyList<Organization> memberOf, SignInAttempt attempt, DateTimeOffset now)
    {
        var decision = SignInRules.Decide(user, memberOf, attempt, now, passwordSettings);
        if (decision.FirstBlocker is { } blocker)
        {
            return blocker.ToFailure();
        }

        if (decision.PasswordChange is { } reason)
        {
            return new SignedIn(user, decision.Grant!, Token: null, reason, tokens.IssueChangeToken(user, attempt, now));
        }

        return new SignedIn(user, decision.Grant!, tokens.Issue(user, decision.Grant!, now));
    }

    private static Result<UserChange> RegisterProvenPassword(User user, string provenHash, string? upgradedHash, RequestContext context, DateTimeOffset now)
    {
        var (updated, events) = Lockout.RegisterSuccess(user, context, now);

        // Upgrade the hash only if the password is still the one just proven (it may have changed meanwhile).
        if (upgradedHash is not null && user.Password is { } password && password.Hash == provenHash)
        {
            updated = updated with { Password = password with { Hash = upgradedHash } };
            events = [.. events, AuditEvent.Create(AuditAction.PasswordRehashed, context, now, "hash_parameters_upgraded")];
        }

        return new UserChange(updated, events);
    }
}
