using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// Setting up and removing second factors: an authenticator app (confirmed by a first code, which yields ten recovery
/// codes shown once and stored hashed), a phone for SMS and voice (a factor once a code sent to it comes back), disabling,
/// and an administrator's or operator's reset for a person who lost their phone. Replacing or adding a factor when one is
/// enrolled, and disabling, need the password again (<see cref="StepUp"/>): an access token alone must not change how the
/// account is protected (ASVS 3.7.1).
/// </summary>
public sealed class TwoFactorEnrollments(
    IUserStore users,
    UserUpdater updater,
    StepUp stepUp,
    SecretProtector secrets,
    RecoveryCodeHasher recoveryCodeHasher,
    ISmsSender sms,
    HolderNotifier holders,
    TwoFactorSettings settings,
    TimeProvider time)
{
    /// <summary>How long the phone-enrolment codes of the last hour are counted. Defaults to one hour.</summary>
    public static readonly TimeSpan PhoneCodeWindow = TimeSpan.FromHours(1);

    private static readonly Failure PasswordRequired = Failure.InvalidField("password", "the password is needed to change second factors while one is enrolled");

    /// <summary>Starts enrolling an authenticator app; <paramref name="password"/> is needed when a second factor is enrolled already.</summary>
    public async Task<Result<TotpEnrollmentStarted>> BeginTotpAsync(string userId, string? password, RequestContext context, CancellationToken cancellationToken)
    {
        var proven = await StepUpAsync(userId, password, context, cancellationToken);
        if (!proven.Succeeded)
        {
            return proven.Failure!;
        }

        var secret = AuthenticatorApp.NewSecret();
        var result = await updater.UpdateAsync(userId, user =>
            user.TwoFactor.IsEnrolled && !proven.Value ? PasswordRequired
            : new UserChange(
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
                RecoveryCodes = recoveryCodes.Select(c => new RecoveryCode(recoveryCodeHasher.Hash(c, user.Id))).ToList(),
            };
            return new UserChange(user with { TwoFactor = enrolled }, [AuditEvent.Create(AuditAction.TotpEnrolled, context, now)]);
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Failure!;
        }

        await holders.NotifyAsync(result.Value, new SecondFactorAddedNotice(time.GetUtcNow(), context.Ip, TwoFactorMethod.Totp), cancellationToken);
        return recoveryCodes;
    }

    /// <summary>
    /// Sends a six-digit code to <paramref name="phone"/> (E.164, by SMS); the phone becomes a factor when the code comes back
    /// (<see cref="ConfirmPhoneAsync"/>). <paramref name="password"/> is needed when a second factor is enrolled already.
    /// </summary>
    public async Task<Result> SetPhoneAsync(string userId, string phone, string? password, RequestContext context, CancellationToken cancellationToken)
    {
        if (ContactRules.CheckPhone(phone) is { } invalid)
        {
            return invalid;
        }

        var proven = await StepUpAsync(userId, password, context, cancellationToken);
        if (!proven.Succeeded)
        {
            return proven.Failure!;
        }

        var code = OneTimeCodes.NewSixDigits();
        var result = await updater.UpdateAsync(userId, user =>
        {
            if (user.TwoFactor.IsEnrolled && !proven.Value)
            {
                return PasswordRequired;
            }

            var now = time.GetUtcNow();
            var recent = user.TwoFactor.PhoneCodesSentAt.Where(at => now - at < PhoneCodeWindow).ToList();
            if (recent.Count >= settings.MaxCodesSent)
            {
                return Failure.Of(ErrorCode.TooManyRequests, ("reason", "too_many_codes_for_this_account"));
            }

            var pending = new PendingPhone(phone, OneTimeCodes.Hash(code, PhoneScope(user.Id)), now + settings.CodeLifetime);
            return new UserChange(
                user with { TwoFactor = user.TwoFactor with { PendingPhone = pending, PhoneCodesSentAt = [.. recent, now] } },
                [AuditEvent.Create(AuditAction.PhoneEnrollmentStarted, context, now, details: new Dictionary<string, string> { ["phoneEndsWith"] = phone[^2..] })]);
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Failure!;
        }

        await sms.SendAsync(new SmsMessage(phone, SmsChannel.Sms, CodeMessages.PhoneConfirmation(code, result.Value.Locale)), cancellationToken);
        return Result.Success;
    }

    /// <summary>The code sent to the pending phone: the phone becomes a factor (SMS and voice). Five wrong codes end the enrolment.</summary>
    public async Task<Result> ConfirmPhoneAsync(string userId, string code, RequestContext context, CancellationToken cancellationToken)
    {
        Failure? refusal = null;
        var result = await updater.UpdateAsync(userId, user =>
        {
            if (user.TwoFactor.PendingPhone is not { } pending)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "no_pending_enrollment"));
            }

            var now = time.GetUtcNow();
            if (now >= pending.ExpiresAt)
            {
                return Failure.Of(ErrorCode.InvalidCode, ("reason", InvalidCodeReason.Expired));
            }

            if (!OneTimeCodes.Matches(pending.CodeHash, code, PhoneScope(user.Id)))
            {
                // The count is saved with the refusal; the fifth wrong code ends the enrolment (a new code must be asked for).
                var wrong = pending.WrongCodes + 1;
                refusal = Failure.Of(ErrorCode.InvalidCode, ("reason", InvalidCodeReason.Wrong));
                var left = wrong >= settings.MaxWrongCodes ? null : pending with { WrongCodes = wrong };
                return new UserChange(user with { TwoFactor = user.TwoFactor with { PendingPhone = left } },
                    [AuditEvent.Create(AuditAction.SecondFactorFailed, context, now, "wrong_enrolment_code")]);
            }

            refusal = null;
            var enrolled = user.TwoFactor with { Phone = pending.Phone, PendingPhone = null };
            return new UserChange(user with { TwoFactor = enrolled },
                [AuditEvent.Create(AuditAction.PhoneEnrolled, context, now, details: new Dictionary<string, string> { ["phoneEndsWith"] = pending.Phone[^2..] })]);
        }, cancellationToken);
        if (refusal is not null || !result.Succeeded)
        {
            return refusal ?? result.Failure!;
        }

        var phone = result.Value.TwoFactor.Phone!;
        await holders.NotifyAsync(result.Value, new SecondFactorAddedNotice(time.GetUtcNow(), context.Ip, TwoFactorMethod.Sms, phone[^2..]), cancellationToken);
        return Result.Success;
    }

    /// <summary>The user turns two-factor off; the password proves it is them.</summary>
    public async Task<Result> DisableAsync(string userId, string password, RequestContext context, CancellationToken cancellationToken)
    {
        var (wrong, _) = await stepUp.ProveAsync(userId, password, context, cancellationToken);
        if (wrong is not null)
        {
            return wrong;
        }

        var result = await updater.UpdateAsync(userId, user => Cleared(user, AuditAction.TwoFactorDisabled, context), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Failure!;
        }

        await holders.NotifyAsync(result.Value, new SecondFactorsRemovedNotice(time.GetUtcNow(), context.Ip, ByAdministrator: false), cancellationToken);
        return Result.Success;
    }

    /// <summary>An administrator or operator removes a user's second factors (a lost phone); audited.</summary>
    public async Task<Result> ResetAsync(Caller caller, string userId, RequestContext context, CancellationToken cancellationToken)
    {
        var result = await updater.UpdateAsync(userId, user =>
            AccessRules.Refusal(caller, user, UserAction.ResetTwoFactor) is { } refused ? refused : Cleared(user, AuditAction.TwoFactorReset, context), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Failure!.Code == ErrorCode.NotFound && caller is not Caller.Operator ? Failure.Of(ErrorCode.Forbidden) : result.Failure;
        }

        await holders.NotifyAsync(result.Value, new SecondFactorsRemovedNotice(time.GetUtcNow(), context.Ip, ByAdministrator: true), cancellationToken);
        return Result.Success;
    }

    /// <summary>
    /// The password again, when it is needed (a factor is enrolled) or given: true once proven, false when not needed;
    /// a missing or wrong password is refused (the wrong one counted as a failed sign-in).
    /// </summary>
    private async Task<Result<bool>> StepUpAsync(string userId, string? password, RequestContext context, CancellationToken cancellationToken)
    {
        if (password is null)
        {
            var stored = await users.GetAsync(userId, cancellationToken);
            return stored is not null && stored.Value.TwoFactor.IsEnrolled ? PasswordRequired : Result<bool>.From(false);
        }

        var (wrong, _) = await stepUp.ProveAsync(userId, password, context, cancellationToken);
        return wrong is null ? Result<bool>.From(true) : wrong;
    }

    private static string PhoneScope(string userId) => userId + ":phone-enrolment";

    private Result<UserChange> Cleared(User user, AuditAction action, RequestContext context) =>
        !user.TwoFactor.IsEnrolled && user.TwoFactor.PendingTotpSecret is null && user.TwoFactor.PendingPhone is null
            ? Failure.Of(ErrorCode.InvalidState, ("reason", "not_enrolled"))
            : new UserChange(user.WithNewSecurityStamp() with { TwoFactor = TwoFactorEnrollment.None }, [AuditEvent.Create(action, context, time.GetUtcNow())]);
}
