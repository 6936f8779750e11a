using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// Replacing a password: by its owner (with the current password, or with the change token sign-in gave for an expired
/// or temporary one), or by an administrator, supervisor or operator (the result is temporary: the user must change it
/// at the next sign-in). Every change ends the account's sessions (new security stamp), restarts rotation and is told to
/// the holder.
/// </summary>
public sealed class PasswordChange(
    IUserStore users,
    IOrganizationStore organizations,
    UserUpdater updater,
    PasswordHashing hashing,
    IPasswordRotationTracker rotation,
    SignInHandler signIn,
    StepUp stepUp,
    HolderNotifier holders,
    PasswordSettings settings,
    LockoutSettings lockoutSettings,
    TimeProvider time)
{
    /// <summary>
    /// A signed-in user changes their own password. A wrong current password counts as a failed sign-in (<see cref="StepUp"/>):
    /// otherwise a stolen access token would let its holder guess the password, with no lockout, and then take the account.
    /// </summary>
    public async Task<Result> ChangeOwnAsync(string userId, string currentPassword, string newPassword, RequestContext context, CancellationToken cancellationToken)
    {
        var (wrong, _) = await stepUp.ProveAsync(userId, currentPassword, context, cancellationToken);
        var stored = wrong is null ? await users.GetAsync(userId, cancellationToken) : null;
        if (stored is null)
        {
            return wrong ?? Failure.Of(ErrorCode.InvalidCredentials);
        }

        var result = await ReplaceAsync(stored, newPassword, temporary: false, checkReuse: true, AuditAction.PasswordChanged, "self", PasswordChangeWay.Holder, context, cancellationToken);
        return result.Succeeded ? Result.Success : result.Failure!;
    }

    /// <summary>
    /// The user whose sign-in answered <c>password_change_required</c> sets a new password with the change token, and is
    /// signed in. <paramref name="credentialVersion"/> is the token's: it is void once the password, a factor or the
    /// account's state has changed (<see cref="CredentialVersion"/>).
    /// </summary>
    public async Task<Result<SignedIn>> ChangeWithTokenAsync(
        string userId, string credentialVersion, SignInAttempt attempt, string newPassword, RequestContext context, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null || CredentialVersion.Of(stored.Value) != credentialVersion)
        {
            return Failure.Of(ErrorCode.Unauthorized);
        }

        // The change token came from the correct password: where the policy allows it, it lifts a security lock too.
        var replaced = await ReplaceAsync(stored, newPassword, temporary: false, checkReuse: true, AuditAction.PasswordChanged, "change_required", PasswordChangeWay.Holder, context, cancellationToken, unlocks: true);
        if (!replaced.Succeeded)
        {
            return replaced.Failure!;
        }

        var memberOf = await organizations.GetManyAsync(replaced.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        return await signIn.CompleteAsync(replaced.Value, memberOf, attempt, time.GetUtcNow(), secondFactorProven: false, passkeyProven: false, cancellationToken, context);
    }

    /// <summary>An administrator, supervisor or operator sets another user's password; it is temporary.</summary>
    public async Task<Result> SetForUserAsync(Caller caller, string userId, string newPassword, RequestContext context, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden);
        }

        if (AccessRules.Refusal(caller, stored.Value, UserAction.SetPassword) is { } refused)
        {
            return refused;
        }

        var result = await ReplaceAsync(stored, newPassword, temporary: true, checkReuse: false, AuditAction.PasswordSetByAdministrator, null, PasswordChangeWay.Administrator, context, cancellationToken,
            untrustsDevices: "password_set_by_administrator");
        return result.Succeeded ? Result.Success : result.Failure!;
    }

    /// <summary>
    /// Makes a temporary password for a user (typically a client) and returns it, the only time it is ever shown. Refused
    /// for a client of several organizations: one organization must not set the password another's client uses.
    /// </summary>
    public async Task<Result<string>> IssueTemporaryAsync(Caller caller, string userId, RequestContext context, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden);
        }

        if (AccessRules.Refusal(caller, stored.Value, UserAction.SetTemporaryPassword) is { } refused)
        {
            return refused;
        }

        var clientOf = stored.Value.Memberships.Where(m => m.Role == Role.Client).Select(m => m.OrganizationId).Distinct().Count();
        if (clientOf > 1)
        {
            return Failure.Of(ErrorCode.MultipleOrganizations, ("organizations", clientOf));
        }

        var policy = await PolicyAsync(stored.Value, cancellationToken);
        string password;
        do
        {
            password = TemporaryPasswords.New(policy.MinLength);
        }
        while (PasswordRules.Check(password, stored.Value.Username, policy.MinLength).Count > 0);

        var result = await ReplaceAsync(stored, password, temporary: true, checkReuse: false, AuditAction.TemporaryPasswordIssued, null, PasswordChangeWay.Temporary, context, cancellationToken,
            untrustsDevices: "temporary_password");
        return result.Succeeded ? password : result.Failure!;
    }

    private async Task<Result<User>> ReplaceAsync(
        Versioned<User> stored, string newPassword, bool temporary, bool checkReuse, AuditAction action, string? reason, PasswordChangeWay way,
        RequestContext context, CancellationToken cancellationToken, bool unlocks = false, string? untrustsDevices = null)
    {
        var memberOf = await organizations.GetManyAsync(stored.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        var policy = PasswordPolicy.For(memberOf, settings);
        var lockout = LockoutPolicy.For(memberOf, lockoutSettings.DurationOverride);
        var violations = checkReuse
            ? PasswordRules.Check(newPassword, stored.Value, policy, hashing)
            : PasswordRules.Check(newPassword, stored.Value.Username, policy.MinLength);
        if (violations.Count > 0)
        {
            return PasswordRules.ToFailure(violations, policy.MinLength);
        }

        var hash = hashing.Hash(newPassword);
        var result = await updater.UpdateAsync(stored, user =>
        {
            var now = time.GetUtcNow();
            var (links, superseded) = PendingResetLinks.Supersede(user, ResetLinkSupersededBy.PasswordChange, context, now);
            var updated = user.WithNewSecurityStamp() with
            {
                Password = new StoredPassword(hash, now, temporary),
                PasswordHistory = PasswordRules.HistoryAfterChange(user),
                FailedAttempts = FailedAttempts.None,
                ResetLinks = links,
            };
            var (unlocked, reactivation) = unlocks ? SecurityUnlock.Apply(user, updated, lockout, context, now) : (updated, null);

            // A password someone else chose (and may have told or sent) ends the devices trusted with the old one.
            var (changed, untrusted) = untrustsDevices is { } why ? TrustedDevices.RevokeAll(unlocked, why, context, now) : (unlocked, []);
            return new UserChange(changed, [AuditEvent.Create(action, context, now, reason), .. reactivation is null ? [] : new[] { reactivation }, .. superseded, .. untrusted]);
        }, cancellationToken);

        if (result.Succeeded)
        {
            await rotation.TrackAsync(result.Value, cancellationToken);
            await holders.NotifyAsync(result.Value, new PasswordChangedNotice(time.GetUtcNow(), context.Ip, way), cancellationToken);
        }

        return result;
    }

    private async Task<PasswordPolicy> PolicyAsync(User user, CancellationToken cancellationToken) =>
        PasswordPolicy.For(await organizations.GetManyAsync(user.Memberships.Select(m => m.OrganizationId), cancellationToken), settings);
}
