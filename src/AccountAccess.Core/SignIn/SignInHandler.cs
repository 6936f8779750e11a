using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// Signs a person in: finds the account, proves the password, counts failures, then asks <see cref="SignInRules"/>.
/// A wrong password never reveals the account's state; only someone who proved the password learns why access is
/// refused. A successful sign-in costs three storage reads (login index, user, organizations) and no write unless a
/// failure count, an ended lock or an old hash must be cleared. Each hash waits for its turn at the cores
/// (<see cref="IHashAdmission"/>; every hash runs at once without one).
/// </summary>
public sealed class SignInHandler(
    IUserStore users,
    IOrganizationStore organizations,
    PasswordHashing hashing,
    IAccessTokenIssuer tokens,
    UserUpdater updater,
    LockoutSettings lockoutSettings,
    PasswordSettings passwordSettings,
    IChallengeStore challenges,
    TwoFactorSettings twoFactorSettings,
    TimeProvider time,
    IHashAdmission? hashAdmission = null,
    HolderNotifier? holders = null,
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

    public async Task<Result<SignedIn>> SignInAsync(SignInRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var login = LoginName.Normalize(request.Login);
        var userId = login.Length == 0 ? null : await users.FindUserIdByLoginAsync(login, cancellationToken);
        var stored = await users.GetAsync(userId ?? DecoyUserId, cancellationToken);
        if (stored is null)
        {
            // An unknown login does what a wrong password on a real account does — the same reads, a hash taking its turn
            // like any other, the same write — so neither the answer's time nor its cost says whether the account exists.
            var decoyOrganizationRead = organizations.GetAsync(DecoyOrganizationId, cancellationToken);
            using (await admission.AdmitAsync(context.Ip, cancellationToken))
            {
                hashing.Verify(null, request.Password);
            }

            await decoyOrganizationRead;
            await users.SaveDecoyFailureAsync(login, cancellationToken);
            return InvalidCredentials;
        }

        // The organizations load while the CPU-bound hash check waits for its turn and runs.
        var organizationsRead = organizations.GetManyAsync(stored.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        PasswordCheck check;
        using (await admission.AdmitAsync(context.Ip, cancellationToken))
        {
            check = hashing.Verify(stored.Value.Password?.Hash, request.Password);
        }

        var memberOf = await organizationsRead;

        if (check == PasswordCheck.Wrong && stored.Value.Password is null)
        {
            // An account awaiting activation has no failures to count, but answers in the time of one that has.
            await users.SaveDecoyFailureAsync(login, cancellationToken);
            return InvalidCredentials;
        }

        if (check == PasswordCheck.Wrong)
        {
            var policy = LockoutPolicy.For(memberOf, lockoutSettings.DurationOverride);
            AccountLockedNotice? locked = null;
            await updater.UpdateAsync(stored, user =>
            {
                var now = time.GetUtcNow();
                var (updated, events) = Lockout.RegisterFailure(user, policy, context, now);
                locked = LockNotices.For(user, updated, policy, context.Ip, now);
                return new UserChange(updated, events);
            }, cancellationToken);
            if (locked is not null && holders is not null)
            {
                // After the answer: an email's time must not tell that this login is an account (and is now locked).
                holders.Dispatch(stored.Value, locked);
            }

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

        return await CompleteAsync(afterProof.Value, memberOf, request.Attempt, now, secondFactorProven: false, passkeyProven: false, cancellationToken);
    }

    /// <summary>
    /// What a person who proved the password gets, in API.md's order: the first blocker; else a change token when the
    /// password must be replaced; else a second-factor challenge (or an enrolment token when an organization requires a
    /// second factor the user lacks); else an access token. <paramref name="secondFactorProven"/> skips the second factor
    /// (the last step of a verified challenge); the change-token flow ends here too. <paramref name="passkeyProven"/>: a
    /// passkey signed (alone, or as that second factor), which is what an organization requiring phishing-resistant sign-in
    /// asks for: without it, such a sign-in asks for the account's passkey, or for one to be set up.
    /// </summary>
    public async Task<Result<SignedIn>> CompleteAsync(
        User user, IReadOnlyList<Organization> memberOf, SignInAttempt attempt, DateTimeOffset now, bool secondFactorProven, bool passkeyProven,
        CancellationToken cancellationToken)
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

        return new SignedIn.Granted(user, grant, tokens.Issue(user, grant, now));
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
