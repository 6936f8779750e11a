using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// Signs a person in: finds the account, recognizes a trusted device, proves the password, counts failures, then asks
/// <see cref="SignInRules"/>. A wrong password never reveals the account's state, and a lock for too many attempts checks
/// no password at all unless the request comes from one of the account's trusted devices; only someone who proved the
/// password learns why access is refused. An untrusted request asks the source budgets (<see cref="ISignInBudgets"/>)
/// before it costs a hash; a trusted one is judged on its device's own failures. A successful sign-in costs three storage
/// reads (login index, user, organizations) and one write, the session it opens with the device it trusts (a new one, or
/// its daily renewal); one more write, and a read, when a failure count, an ended lock or an old hash is due. Each hash waits for its turn
/// at the cores (<see cref="IHashAdmission"/>, trusted requests first; every hash runs at once without one).
/// </summary>
public sealed class SignInHandler(
    IUserStore users,
    IOrganizationStore organizations,
    PasswordHashing hashing,
    IAccessTokenIssuer tokens,
    SessionStart sessions,
    UserUpdater updater,
    LockoutSettings lockoutSettings,
    PasswordSettings passwordSettings,
    IChallengeStore challenges,
    TwoFactorSettings twoFactorSettings,
    TimeProvider time,
    IHashAdmission? hashAdmission = null,
    HolderNotifier? holders = null,
    ISignInBudgets? signInBudgets = null,
    RelyingParty? relyingParty = null,
    SupportTeam? supportTeam = null)
{
    private static readonly Failure InvalidCredentials = Failure.Of(ErrorCode.InvalidCredentials);

    // Ids no account or organization can have (generated ids are longer): reading them costs what reading a real one does.
    private const string DecoyUserId = "usr_decoy";
    private const string DecoyOrganizationId = "org_decoy";

    // What an enrolment token lets a person set up to meet requireTwoFactor (API.md "Two-factor enrolment", "Passkeys").
    private static readonly IReadOnlyList<TwoFactorMethod> Enrollable = [TwoFactorMethod.Passkey, TwoFactorMethod.Totp, TwoFactorMethod.Sms, TwoFactorMethod.Voice];

    private readonly IHashAdmission admission = hashAdmission ?? UnlimitedHashAdmission.Instance;
    private readonly ISignInBudgets budgets = signInBudgets ?? UnlimitedSignInBudgets.Instance;

    public async Task<Result<SignedIn>> SignInAsync(SignInRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        // Without a device token the request is untrusted whatever the account: its budgets are asked before any read.
        var mayBeTrusted = DeviceTokens.IsWellFormed(request.DeviceToken);
        if (!mayBeTrusted && TooMany(context) is { } refused)
        {
            return refused;
        }

        var login = LoginName.Normalize(request.Login);
        var userId = login.Length == 0 ? null : await users.FindUserIdByLoginAsync(login, cancellationToken);
        var stored = await users.GetAsync(userId ?? DecoyUserId, cancellationToken);
        var device = stored is null ? null : TrustedDevices.Recognize(stored.Value, request.DeviceToken, time.GetUtcNow());
        var trust = device is null ? SignInTrust.Untrusted : SignInTrust.TrustedDevice;
        if (mayBeTrusted && device is null && TooMany(context) is { } refusedAfterAll)
        {
            return refusedAfterAll;
        }

        if (stored is null)
        {
            // An unknown login does what a wrong password on a real account does — the same reads, a hash taking its turn
            // like any other, the same write — so neither the answer's time nor its cost says whether the account exists.
            return await AnswerUncheckedAsync(login, request.Password, organizations.GetAsync(DecoyOrganizationId, cancellationToken), context, cancellationToken);
        }

        // The organizations load while the CPU-bound hash check waits for its turn and runs.
        var organizationsRead = organizations.GetManyAsync(stored.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        if (device is null && Lockout.StopsGuessing(stored.Value, time.GetUtcNow()))
        {
            // Locked for too many attempts: every password gets the wrong password's answer, in its time, and none is
            // checked or counted — the guessing stops at the lock, and the answer never says whether a guess was right.
            return await AnswerUncheckedAsync(login, request.Password, organizationsRead, context, cancellationToken);
        }

        PasswordCheck check;
        using (await admission.AdmitAsync(context.Ip, trust, cancellationToken))
        {
            check = hashing.Verify(stored.Value.Password?.Hash, request.Password);
        }

        var memberOf = await organizationsRead;

        if (check == PasswordCheck.Wrong && stored.Value.Password is null)
        {
            // An account awaiting activation has no failures to count, but answers in the time of one that has.
            await users.SaveDecoyFailureAsync(login, cancellationToken);
            budgets.RecordFailure(context.Ip, trust);
            return InvalidCredentials;
        }

        if (check == PasswordCheck.Wrong)
        {
            var policy = LockoutPolicy.For(memberOf, lockoutSettings.DurationOverride);
            AccountLockedNotice? locked = null;
            await updater.UpdateAsync(stored, user =>
            {
                // A trusted device's wrong passwords count against that device only (while it is still there).
                var now = time.GetUtcNow();
                var (updated, events) = device is not null && user.TrustedDevices.Any(d => d.Id == device.Id)
                    ? TrustedDevices.RegisterFailure(user, device.Id, policy, context, now)
                    : Lockout.RegisterFailure(user, policy, context, now);
                locked = LockNotices.For(user, updated, policy, context.Ip, now);
                return new UserChange(updated, events);
            }, cancellationToken);
            budgets.RecordFailure(context.Ip, trust);
            if (locked is not null && holders is not null)
            {
                // After the answer: an email's time must not tell that this login is an account (and is now locked).
                holders.Dispatch(stored.Value, locked);
            }

            return InvalidCredentials;
        }

        budgets.RecordSuccess(context.Ip);
        var provenHash = stored.Value.Password!.Hash;
        var upgradedHash = check == PasswordCheck.CorrectButRehashNeeded ? hashing.Hash(request.Password) : null;
        var provenAt = time.GetUtcNow();
        var afterProof = await updater.UpdateAsync(stored, user => RegisterProvenPassword(user, provenHash, upgradedHash, context, provenAt), cancellationToken);
        if (!afterProof.Succeeded)
        {
            return InvalidCredentials;
        }

        var attempt = device is null ? request.Attempt : request.Attempt with { Device = new TrustedDeviceClaim(device.Id, request.DeviceToken) };

        // Unchanged by the proof (the usual case): the copy read is still the stored version, and the session needs no new read.
        var stillStored = ReferenceEquals(afterProof.Value, stored.Value) ? stored : null;
        return await CompleteAsync(afterProof.Value, memberOf, attempt, context, provenAt, secondFactorProven: false, passkeyProven: false, cancellationToken, stillStored);
    }

    /// <summary>
    /// What a person who proved the password gets, in API.md's order: the first blocker; else a change token when the
    /// password must be replaced; else a second-factor challenge (or an enrolment token when an organization requires a
    /// second factor the user lacks); else a session (<see cref="SessionStart"/>: every <c>status: "ok"</c> answer is opened
    /// there). <paramref name="secondFactorProven"/> skips the second factor (the last step of a verified challenge); the
    /// change-token flow ends here too. <paramref name="passkeyProven"/>: a passkey signed (alone, or as that second
    /// factor), which is what an organization requiring phishing-resistant sign-in asks for: without it, such a sign-in asks
    /// for the account's passkey, or for one to be set up. <paramref name="alreadyRead"/>: the user as stored, when the
    /// caller holds it.
    /// </summary>
    public async Task<Result<SignedIn>> CompleteAsync(
        User user, IReadOnlyList<Organization> memberOf, SignInAttempt attempt, RequestContext context, DateTimeOffset now, bool secondFactorProven,
        bool passkeyProven, CancellationToken cancellationToken, Versioned<User>? alreadyRead = null)
    {
        var decision = SignInRules.Decide(user, memberOf, attempt, now, passwordSettings);
        if (decision.FirstBlocker is { } blocker)
        {
            return blocker.ToFailure();
        }

        var grant = decision.Grant!;

        // A support account on the management portal signs in as an operator, and never without a second factor: the
        // operator's reach (every organization) is worth more than any one organization's policy asks to protect.
        var asOperator = attempt.Portal == Portal.Management && supportTeam is { } team && team.Includes(user);
        if (asOperator)
        {
            grant = grant with { AsOperator = true };
        }

        if (decision.PasswordChange is { } reason)
        {
            return new SignedIn.PasswordChangeRequired(user, grant, reason, tokens.IssueRestricted(user, TokenPurpose.PasswordChange, attempt, now));
        }

        var passkeyMissing = decision.PasskeyRequiredByPolicy && !passkeyProven;
        if (passkeyMissing && user.TwoFactor.Passkeys.Count > 0)
        {
            return await ChallengeAsync(user, grant, memberOf, attempt, now, passkeyOnly: true, cancellationToken);
        }

        if (!secondFactorProven && user.TwoFactor.IsEnrolled)
        {
            return await ChallengeAsync(user, grant, memberOf, attempt, now, passkeyOnly: false, cancellationToken);
        }

        if (passkeyMissing)
        {
            // The factor the account has (if any) was proven: now a passkey is set up, as the organization requires.
            return new SignedIn.TwoFactorEnrollmentRequired(user, grant, tokens.IssueRestricted(user, TokenPurpose.TwoFactorEnrollment, attempt, now), [TwoFactorMethod.Passkey]);
        }

        if (!secondFactorProven && (decision.SecondFactorRequiredByPolicy || asOperator))
        {
            return new SignedIn.TwoFactorEnrollmentRequired(user, grant, tokens.IssueRestricted(user, TokenPurpose.TwoFactorEnrollment, attempt, now), Enrollable);
        }

        // Signed in: the session opens on this client, which becomes (or stays) one of the account's trusted devices, in
        // one write (SessionStart); the answer carries both the session and the device token (LoginAnswer builds it).
        return await sessions.StartAsync(user, grant, memberOf, attempt, context, cancellationToken, alreadyRead);
    }

    /// <summary>Null when an untrusted sign-in may go on; otherwise the 429 that says when to try again.</summary>
    private Failure? TooMany(RequestContext context) =>
        budgets.RefuseUntrusted(context.Ip) is { } wait
            ? Failure.Of(ErrorCode.TooManyRequests, ("retryAfter", (int)Math.Ceiling(wait.TotalSeconds)))
            : null;

    /// <summary>
    /// The answer to a wrong password without looking at the password: the decoy hash takes its turn at the cores and the
    /// decoy write costs what a failure's save does, so the time and the storage work match a wrong password's.
    /// </summary>
    private async Task<Result<SignedIn>> AnswerUncheckedAsync(string login, string password, Task pendingRead, RequestContext context, CancellationToken cancellationToken)
    {
        using (await admission.AdmitAsync(context.Ip, SignInTrust.Untrusted, cancellationToken))
        {
            hashing.Verify(null, password);
        }

        await pendingRead;
        await users.SaveDecoyFailureAsync(login, cancellationToken);
        budgets.RecordFailure(context.Ip, SignInTrust.Untrusted);
        return InvalidCredentials;
    }

    /// <summary>
    /// Opens the second-factor challenge: its methods, and the passkey request options when the account has passkeys
    /// (answered at /api/auth/2fa/verify with a <c>credential</c>). <paramref name="passkeyOnly"/>: nothing else answers it.
    /// </summary>
    private async Task<Result<SignedIn>> ChallengeAsync(
        User user, SignInGrant grant, IReadOnlyList<Organization> memberOf, SignInAttempt attempt, DateTimeOffset now, bool passkeyOnly, CancellationToken cancellationToken)
    {
        var passkeys = user.TwoFactor.Passkeys;
        var challenge = new Challenge
        {
            Id = "chl_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            UserId = user.Id,
            Portal = attempt.Portal,
            AppVersion = attempt.AppVersion?.ToString(),
            TrustedDeviceId = attempt.Device?.DeviceId,
            CreatedAt = now,
            ExpiresAt = now + twoFactorSettings.CodeLifetime,
            CredentialVersion = Accounts.CredentialVersion.Of(user),
            PasskeyOptions = passkeys.Count > 0 && relyingParty is not null
                ? relyingParty.RequestOptions(RelyingParty.Descriptors(passkeys), userVerification: false)
                : null,
            PasskeyOnly = passkeyOnly,
        };
        await challenges.CreateAsync(challenge, cancellationToken);
        return new SignedIn.TwoFactorRequired(user, grant, challenge, passkeyOnly ? [TwoFactorMethod.Passkey] : TwoFactorMethods.Of(user, memberOf));
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
