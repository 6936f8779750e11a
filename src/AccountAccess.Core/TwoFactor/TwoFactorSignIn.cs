using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// The second half of a sign-in with a second factor: sends codes (each new one supersedes every earlier code of the
/// challenge at once) and verifies a TOTP code (each time step accepted once), a sent code, a recovery code or a passkey's
/// answer. Five wrong answers end the challenge; ten within an hour, across challenges, deactivate the account
/// (<see cref="SuspiciousActivity"/>).
/// </summary>
public sealed class TwoFactorSignIn(
    IUserStore users,
    IOrganizationStore organizations,
    IChallengeStore challenges,
    UserUpdater updater,
    SignInHandler signIn,
    SecretProtector secrets,
    RecoveryCodeHasher recoveryCodeHasher,
    IEmailSender email,
    ISmsSender sms,
    TwoFactorSettings settings,
    TimeProvider time,
    SecondFactorFailures failures,
    PasskeyAssertions passkeys,
    HolderNotifier? holders = null)
{
    private static readonly Failure ChallengeExpired = Failure.Of(ErrorCode.ChallengeExpired);

    private static Failure PasskeyOnly(string field) =>
        Failure.InvalidField(field, "this sign-in needs a passkey: an organization of the account requires phishing-resistant sign-in");

    /// <summary>Sends a new six-digit code by <paramref name="method"/>; every earlier code of the challenge stops working.</summary>
    public async Task<Result> SendAsync(string challengeId, TwoFactorMethod method, CancellationToken cancellationToken)
    {
        var stored = await challenges.GetAsync(challengeId, cancellationToken);
        if (stored is null || !stored.Value.IsOpenAt(time.GetUtcNow()))
        {
            return ChallengeExpired;
        }

        if (stored.Value.PasskeyOnly)
        {
            return PasskeyOnly("method");
        }

        var user = await users.GetAsync(stored.Value.UserId, cancellationToken);
        if (user is null || !stored.Value.StillHolds(user.Value))
        {
            return ChallengeExpired;
        }

        var memberOf = await organizations.GetManyAsync(user.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        if (method is not (TwoFactorMethod.Sms or TwoFactorMethod.Voice or TwoFactorMethod.Email) || !TwoFactorMethods.Of(user.Value, memberOf).Contains(method))
        {
            return Failure.InvalidField("method", "not a method this sign-in can send a code by");
        }

        var code = OneTimeCodes.NewSixDigits();
        var issued = await OptimisticRetry.RunAsync<Result>(async ct =>
        {
            var current = await challenges.GetAsync(challengeId, ct);
            var now = time.GetUtcNow();
            if (current is null || !current.Value.IsOpenAt(now))
            {
                return ChallengeExpired;
            }

            if (current.Value.Codes.Count >= settings.MaxCodesSent)
            {
                return Failure.Of(ErrorCode.TooManyRequests, ("reason", "too_many_codes_for_this_sign_in"));
            }

            // Each code lives its ten minutes (API.md): a code sent late extends the challenge to the code's end.
            var sent = new IssuedCode(OneTimeCodes.Hash(code, challengeId), method, now, now + settings.CodeLifetime);
            var expiresAt = sent.ExpiresAt > current.Value.ExpiresAt ? sent.ExpiresAt : current.Value.ExpiresAt;
            await challenges.SaveAsync(current, current.Value with { Codes = [.. current.Value.Codes, sent], ExpiresAt = expiresAt }, ct);
            return Result.Success;
        }, time, cancellationToken);
        if (!issued.Succeeded)
        {
            return issued;
        }

        var person = user.Value;
        switch (method)
        {
            case TwoFactorMethod.Email:
                await email.SendAsync(EmailTemplates.SignInCode(person, code), cancellationToken);
                break;
            case TwoFactorMethod.Voice:
                await sms.SendAsync(new SmsMessage(person.TwoFactor.Phone!, SmsChannel.Voice, CodeMessages.Voice(code, person.Locale)), cancellationToken);
                break;
            default:
                await sms.SendAsync(new SmsMessage(person.TwoFactor.Phone!, SmsChannel.Sms, CodeMessages.Sms(code, person.Locale)), cancellationToken);
                break;
        }

        return Result.Success;
    }

    /// <summary>Verifies a code (TOTP or sent) or a recovery code; on success the sign-in completes.</summary>
    public async Task<Result<SignedIn>> VerifyAsync(string challengeId, string? code, string? recoveryCode, RequestContext context, CancellationToken cancellationToken)
    {
        var challenge = await challenges.GetAsync(challengeId, cancellationToken);
        if (challenge is null || challenge.Value.EndedAt is not null)
        {
            return ChallengeExpired;
        }

        if (challenge.Value.PasskeyOnly)
        {
            return PasskeyOnly(recoveryCode is null ? "code" : "recoveryCode");
        }

        if (!challenge.Value.IsOpenAt(time.GetUtcNow()))
        {
            // Past its time: a code that was sent for it is told apart ("expired") from anything else.
            return code is not null && challenge.Value.Codes.Any(c => OneTimeCodes.Matches(c.Hash, code, challenge.Value.Id))
                ? Failure.Of(ErrorCode.InvalidCode, ("reason", InvalidCodeReason.Expired))
                : ChallengeExpired;
        }

        var userId = challenge.Value.UserId;
        var userContext = context with { Actor = Actor.ForUser(userId) };
        var trustedDeviceId = challenge.Value.TrustedDeviceId;
        var lockoutPolicy = trustedDeviceId is null ? null : LockoutPolicy.For(await OrganizationsOfAsync(userId, cancellationToken));
        InvalidCodeReason? refusal = null;
        var verified = await updater.UpdateAsync(userId, user =>
        {
            var now = time.GetUtcNow();
            if (user.IsDeactivatedAt(now) && !(lockoutPolicy is not null && TrustedDevices.PassThroughLock(user, trustedDeviceId, lockoutPolicy, now)))
            {
                return new SignInBlocker.AccountDeactivated(user.Deactivation!.Reason, user.Deactivation.Since, user.Deactivation.Until).ToFailure();
            }

            if (!challenge.Value.StillHolds(user))
            {
                // The password, a factor or the account's state changed since the password was proven: start again.
                return ChallengeExpired;
            }

            var (accepted, reason) = recoveryCode is not null ? CheckRecoveryCode(user, recoveryCode, now) : CheckCode(user, challenge.Value, code!, now);
            refusal = reason;
            return accepted is null ? UserChange.None(user) : new UserChange(accepted with { SecondFactorFailures = [] },
                [AuditEvent.Create(recoveryCode is not null ? AuditAction.RecoveryCodeUsed : AuditAction.SecondFactorVerified, userContext, now)]);
        }, cancellationToken);

        if (!verified.Succeeded)
        {
            return verified.Failure!.Code switch
            {
                ErrorCode.NotFound => ChallengeExpired,
                ErrorCode.AccountDeactivated => await DeactivatedAsync(userId, cancellationToken) ?? verified.Failure,
                _ => verified.Failure,
            };
        }

        if (refusal is { } invalid)
        {
            return await RefuseAsync(challengeId, userId, invalid, userContext, cancellationToken);
        }

        if (!await EndAsync(challengeId, cancellationToken))
        {
            return ChallengeExpired;
        }

        if (recoveryCode is not null && holders is not null)
        {
            var left = verified.Value.TwoFactor.RecoveryCodes.Count(c => c.UsedAt is null);
            await holders.NotifyAsync(verified.Value, new RecoveryCodeUsedNotice(time.GetUtcNow(), context.Ip, left), cancellationToken);
        }

        var memberOf = await organizations.GetManyAsync(verified.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        AppVersion.TryParse(challenge.Value.AppVersion, out var appVersion);
        var device = trustedDeviceId is null ? null : new TrustedDeviceClaim(trustedDeviceId, Token: null);
        return await signIn.CompleteAsync(verified.Value, memberOf, new SignInAttempt(challenge.Value.Portal, appVersion, device), time.GetUtcNow(), secondFactorProven: true,
            passkeyProven: false, cancellationToken, userContext);
    }

    /// <summary>
    /// Verifies a passkey's answer (the AuthenticationResponseJSON of <c>navigator.credentials.get</c> with the challenge's
    /// <see cref="Challenge.PasskeyOptions"/>); on success the sign-in completes. A refused answer counts as a wrong code,
    /// on the challenge and toward suspicious activity: the password was proven before it.
    /// </summary>
    public async Task<Result<SignedIn>> VerifyPasskeyAsync(string challengeId, string credentialJson, RequestContext context, CancellationToken cancellationToken)
    {
        var answer = PasskeyAssertion.Parse(credentialJson);
        if (!answer.Succeeded)
        {
            return answer.Failure!;
        }

        var challenge = (await challenges.GetAsync(challengeId, cancellationToken))?.Value;
        var now = time.GetUtcNow();
        if (challenge is null || (challenge.EndedAt is null && !challenge.IsOpenAt(now)))
        {
            return Failure.Of(ErrorCode.PasskeyInvalid, ("reason", PasskeyProblem.ChallengeExpired));
        }

        if (challenge.PasskeyOptions is not { } options)
        {
            return Failure.InvalidField("credential", "this sign-in has no passkey to answer with: use a code");
        }

        if (challenge.EndedAt is not null)
        {
            return Failure.Of(ErrorCode.PasskeyInvalid, ("reason", PasskeyProblem.ChallengeReused));
        }

        if ((await users.GetAsync(challenge.UserId, cancellationToken))?.Value is not { } user)
        {
            return Failure.Of(ErrorCode.PasskeyInvalid, ("reason", PasskeyProblem.ChallengeExpired));
        }

        if (!challenge.StillHolds(user))
        {
            // The password, a factor or the account's state changed since the password was proven: start again.
            return ChallengeExpired;
        }

        var accepted = await passkeys.AcceptAsync(user, options, answer.Value, PasskeyCeremonyPurpose.SecondFactor, passwordProven: true, context, cancellationToken);
        if (!accepted.Succeeded)
        {
            return accepted.Failure!.Code == ErrorCode.PasskeyInvalid && await CountWrongAnswerAsync(challengeId, cancellationToken)
                ? ChallengeExpired
                : accepted.Failure!;
        }

        if (!await EndAsync(challengeId, cancellationToken))
        {
            return Failure.Of(ErrorCode.PasskeyInvalid, ("reason", PasskeyProblem.ChallengeReused));
        }

        var memberOf = await organizations.GetManyAsync(accepted.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        AppVersion.TryParse(challenge.AppVersion, out var appVersion);
        var device = challenge.TrustedDeviceId is { } deviceId ? new TrustedDeviceClaim(deviceId, Token: null) : null;
        return await signIn.CompleteAsync(accepted.Value, memberOf, new SignInAttempt(challenge.Portal, appVersion, device), time.GetUtcNow(), secondFactorProven: true,
            passkeyProven: true, cancellationToken, context with { Actor = Actor.ForUser(user.Id) });
    }

    private (User? Accepted, InvalidCodeReason? Refusal) CheckCode(User user, Challenge challenge, string code, DateTimeOffset now)
    {
        if (user.TwoFactor.HasTotp)
        {
            var secret = secrets.Unprotect(user.TwoFactor.EncryptedTotpSecret!, user.Id);
            if (AuthenticatorApp.MatchedStep(secret, code, now) is { } step)
            {
                return step <= (user.TwoFactor.TotpLastStep ?? -1)
                    ? (null, InvalidCodeReason.Reused)
                    : (user with { TwoFactor = user.TwoFactor with { TotpLastStep = step } }, null);
            }
        }

        var matched = challenge.Codes.Select((sent, index) => (sent, index)).LastOrDefault(c => OneTimeCodes.Matches(c.sent.Hash, code, challenge.Id));
        if (matched.sent is null)
        {
            return (null, InvalidCodeReason.Wrong);
        }

        return matched.index != challenge.Codes.Count - 1 ? (null, InvalidCodeReason.Superseded)
            : now >= matched.sent.ExpiresAt ? (null, InvalidCodeReason.Expired)
            : (user, null);
    }

    private (User? Accepted, InvalidCodeReason? Refusal) CheckRecoveryCode(User user, string recoveryCode, DateTimeOffset now)
    {
        var match = user.TwoFactor.RecoveryCodes.FirstOrDefault(c => recoveryCodeHasher.Matches(c.Hash, recoveryCode, user.Id));
        if (match is null)
        {
            return (null, InvalidCodeReason.Wrong);
        }

        if (match.UsedAt is not null)
        {
            return (null, InvalidCodeReason.Reused);
        }

        var codes = user.TwoFactor.RecoveryCodes.Select(c => c == match ? c with { UsedAt = now } : c).ToList();
        return (user with { TwoFactor = user.TwoFactor with { RecoveryCodes = codes } }, null);
    }

    /// <summary>Counts a wrong code on the challenge (the fifth ends it) and on the account (suspicious activity).</summary>
    private async Task<Result<SignedIn>> RefuseAsync(string challengeId, string userId, InvalidCodeReason reason, RequestContext context, CancellationToken cancellationToken)
    {
        var ended = await CountWrongAnswerAsync(challengeId, cancellationToken);
        await failures.RegisterAsync(userId, context, (_, now, inLastHour) => SuspiciousActivity.WrongCode(context, now, inLastHour), cancellationToken);
        return ended ? ChallengeExpired : Failure.Of(ErrorCode.InvalidCode, ("reason", reason));
    }

    /// <summary>Counts a wrong answer on the challenge; true when it was the last one allowed (the challenge is over).</summary>
    private Task<bool> CountWrongAnswerAsync(string challengeId, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async ct =>
        {
            var current = await challenges.GetAsync(challengeId, ct);
            if (current is null)
            {
                return true;
            }

            var wrong = current.Value.WrongCodes + 1;
            var endsNow = wrong >= settings.MaxWrongCodes;
            await challenges.SaveAsync(current, current.Value with { WrongCodes = wrong, EndedAt = endsNow ? time.GetUtcNow() : current.Value.EndedAt }, ct);
            return endsNow;
        }, time, cancellationToken);

    private async Task<bool> EndAsync(string challengeId, CancellationToken cancellationToken)
    {
        try
        {
            return await OptimisticRetry.RunAsync(async ct =>
            {
                var current = await challenges.GetAsync(challengeId, ct);
                if (current is null || !current.Value.IsOpenAt(time.GetUtcNow()))
                {
                    return false;
                }

                await challenges.SaveAsync(current, current.Value with { EndedAt = time.GetUtcNow() }, ct);
                return true;
            }, time, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<Organization>> OrganizationsOfAsync(string userId, CancellationToken cancellationToken) =>
        (await users.GetAsync(userId, cancellationToken))?.Value is { } user
            ? await organizations.GetManyAsync(user.Memberships.Select(m => m.OrganizationId), cancellationToken)
            : [];

    /// <summary>The refusal for a user locked meanwhile, saying — as sign-in does — whether a new password would lift the lock.</summary>
    private async Task<Failure?> DeactivatedAsync(string userId, CancellationToken cancellationToken)
    {
        if ((await users.GetAsync(userId, cancellationToken))?.Value is not { Deactivation: { } lockout } user)
        {
            return null;
        }

        var memberOf = await organizations.GetManyAsync(user.Memberships.Select(m => m.OrganizationId), cancellationToken);
        var now = time.GetUtcNow();
        return new SignInBlocker.AccountDeactivated(lockout.Reason, lockout.Since, lockout.Until, SecurityUnlock.Allows(user, LockoutPolicy.For(memberOf), now)).ToFailure();
    }
}
