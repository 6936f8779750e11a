using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// Setting up and removing second factors: an authenticator app (confirmed by a first code, which yields ten recovery
/// codes shown once and stored hashed), a phone for SMS and voice, disabling with the password, and an administrator's
/// or operator's reset for a person who lost their phone.
/// </summary>
public sealed class TwoFactorEnrollments(
    UserUpdater updater,
    PasswordHashing hashing,
    SecretProtector secrets,
    TwoFactorSettings settings,
    TimeProvider time)
{
    public async Task<Result<TotpEnrollmentStarted>> BeginTotpAsync(string userId, RequestContext context, CancellationToken cancellationToken)
    {
        var secret = AuthenticatorApp.NewSecret();
        var result = await updater.UpdateAsync(userId, user => new UserChange(
            user with { TwoFactor = user.TwoFactor with { PendingTotpSecret = secrets.Protect(secret, user.Id) } },
            [AuditEvent.Create(AuditAction.TotpEnrollmentStarted, context, time.GetUtcNow())]), cancellationToken);
        return result.Succeeded
            ? new TotpEnrollmentStarted(AuthenticatorApp.Base32(secret), AuthenticatorApp.OtpAuthUri(secret, result.Value.Email ?? result.Value.Username))
            : result.Failure!;
    }

    /// <summary>Confirms the pending authenticator with a code from it; returns the new recovery codes (the only time they are shown).</summary>
    public async Task<Result<IReadOnlyList<string>>> ConfirmTotpAsync(string userId, string code, RequestContext context, CancellationToken cancellationToken)
    {
        var recoveryCodes = Enumerable.Range(0, settings.RecoveryCodes).Select(_ => OneTimeCodes.NewRecoveryCode()).ToList();
        var result = await updater.UpdateAsync(userId, user =>
        {
            if (user.TwoFactor.PendingTotpSecret is not { } pending)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "no_pending_enrollment"));
            }

            var now = time.GetUtcNow();
            if (AuthenticatorApp.MatchedStep(secrets.Unprotect(pending, user.Id), code, now) is not { } step)
            {
                return Failure.Of(ErrorCode.InvalidCode, ("reason", InvalidCodeReason.Wrong));
            }

            var enrolled = user.TwoFactor with
            {
                EncryptedTotpSecret = pending,
                PendingTotpSecret = null,
                TotpConfirmedAt = now,
                TotpLastStep = step,
                RecoveryCodes = recoveryCodes.Select(c => new RecoveryCode(OneTimeCodes.Hash(c, user.Id))).ToList(),
            };
            return new UserChange(user with { TwoFactor = enrolled }, [AuditEvent.Create(AuditAction.TotpEnrolled, context, now)]);
        }, cancellationToken);
        return result.Succeeded ? recoveryCodes : result.Failure!;
    }

    /// <summary>Sets the phone that receives SMS and voice codes (E.164).</summary>
    public async Task<Result> SetPhoneAsync(string userId, string phone, RequestContext context, CancellationToken cancellationToken)
    {
        if (ContactRules.CheckPhone(phone) is { } invalid)
        {
            return invalid;
        }

        var result = await updater.UpdateAsync(userId, user => new UserChange(
            user with { TwoFactor = user.TwoFactor with { Phone = phone } },
            [AuditEvent.Create(AuditAction.PhoneEnrolled, context, time.GetUtcNow(), details: new Dictionary<string, string> { ["phoneEndsWith"] = phone[^2..] })]), cancellationToken);
        return result.Succeeded ? Result.Success : result.Failure!;
    }

    /// <summary>The user turns two-factor off; the password proves it is them.</summary>
    public async Task<Result> DisableAsync(string userId, string password, RequestContext context, CancellationToken cancellationToken)
    {
        var result = await updater.UpdateAsync(userId, user =>
            hashing.Verify(user.Password?.Hash, password) == PasswordCheck.Wrong
                ? Failure.Of(ErrorCode.InvalidCredentials)
                : Cleared(user, AuditAction.TwoFactorDisabled, context), cancellationToken);
        return result.Succeeded ? Result.Success : result.Failure!;
    }

    /// <summary>An administrator or operator removes a user's second factors (a lost phone); audited.</summary>
    public async Task<Result> ResetAsync(Caller caller, string userId, RequestContext context, CancellationToken cancellationToken)
    {
        var result = await updater.UpdateAsync(userId, user =>
            AccessRules.Refusal(caller, user, UserAction.ResetTwoFactor) is { } refused ? refused : Cleared(user, AuditAction.TwoFactorReset, context), cancellationToken);
        return result.Failure?.Code == ErrorCode.NotFound && caller is not Caller.Operator ? Failure.Of(ErrorCode.Forbidden)
            : result.Succeeded ? Result.Success : result.Failure!;
    }

    private Result<UserChange> Cleared(User user, AuditAction action, RequestContext context) =>
        !user.TwoFactor.IsEnrolled && user.TwoFactor.PendingTotpSecret is null
            ? Failure.Of(ErrorCode.InvalidState, ("reason", "not_enrolled"))
            : new UserChange(user.WithNewSecurityStamp() with { TwoFactor = TwoFactorEnrollment.None }, [AuditEvent.Create(action, context, time.GetUtcNow())]);
}
