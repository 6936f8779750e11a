using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// A passkey's answer to a sign-in (alone, or as the second factor) for a given account: checked by the
/// <see cref="RelyingParty"/>, and then either the passkey's counter and last use saved with the account (ETag: of two
/// answers carrying the same counter, the second is a replay), or the refusal audited on the account. A refusal counts
/// toward suspicious activity like a wrong code when the password was proven before it, or when the passkey's own key
/// signed it (a phishing page relaying a real authenticator, a replay, a clone); an answer any stranger could send — an
/// unknown credential, a bad signature — is audited but not counted, so that nobody can lock a person out with noise.
/// </summary>
public sealed class PasskeyAssertions(UserUpdater updater, RelyingParty relyingParty, SecondFactorFailures failures, TimeProvider time)
{
    /// <summary>The account as saved after its passkey answered <paramref name="options"/>, or <c>passkey_invalid</c>.</summary>
    public async Task<Result<User>> AcceptAsync(
        User user, string options, PasskeyAssertion answer, PasskeyCeremonyPurpose purpose, bool passwordProven, RequestContext context, CancellationToken cancellationToken)
    {
        var passkey = user.TwoFactor.Passkeys.FirstOrDefault(p => p.Holds(answer.CredentialId));
        if (passkey is null)
        {
            return await RefuseAsync(user.Id, PasskeyProblem.UnknownCredential, counts: passwordProven, purpose, null, context, cancellationToken);
        }

        var check = await relyingParty.VerifyAssertionAsync(options, answer, passkey, cancellationToken);
        if (check.Problem is { } problem)
        {
            return await RefuseAsync(user.Id, problem, counts: passwordProven || check.SignedByThePasskey, purpose, passkey.Id, context, cancellationToken);
        }

        PasskeyProblem? lostRace = null;
        var ownContext = context with { Actor = Actor.ForUser(user.Id) };
        var saved = await updater.UpdateAsync(user.Id, current =>
        {
            var now = time.GetUtcNow();
            var stored = current.TwoFactor.Passkeys.FirstOrDefault(p => p.Id == passkey.Id);
            lostRace = stored is null ? PasskeyProblem.UnknownCredential
                : (check.SignCount != 0 || stored.SignCount != 0) && check.SignCount <= stored.SignCount ? PasskeyProblem.CounterWentBackwards
                : null;
            if (lostRace is not null)
            {
                return UserChange.None(current);
            }

            var used = stored! with { SignCount = check.SignCount, LastUsedAt = now, BackedUp = check.BackedUp };
            var passkeys = current.TwoFactor.Passkeys.Select(p => p.Id == used.Id ? used : p).ToList();
            return new UserChange(current with { SecondFactorFailures = [], TwoFactor = current.TwoFactor with { Passkeys = passkeys } },
                [AuditEvent.Create(AuditAction.PasskeyUsed, ownContext, now, purpose.ToSnakeCase(), new Dictionary<string, string> { ["passkeyId"] = used.Id })]);
        }, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.Failure!;
        }

        // Removed meanwhile, or another answer with this counter got there first (the same response sent twice at once).
        return lostRace is { } raced
            ? await RefuseAsync(user.Id, raced, counts: true, purpose, passkey.Id, context, cancellationToken)
            : saved.Value;
    }

    /// <summary>Audits a refused answer on the account (and counts it when <paramref name="counts"/>); the <c>passkey_invalid</c> to answer.</summary>
    public async Task<Failure> RefuseAsync(
        string userId, PasskeyProblem problem, bool counts, PasskeyCeremonyPurpose purpose, string? passkeyId, RequestContext context, CancellationToken cancellationToken)
    {
        AuditEvent Describe(DateTimeOffset now, int? inLastHour)
        {
            var details = new Dictionary<string, string> { ["ceremony"] = purpose.ToSnakeCase(), ["counted"] = counts ? "true" : "false" };
            if (passkeyId is not null)
            {
                details["passkeyId"] = passkeyId;
            }

            if (inLastHour is { } count)
            {
                details["inLastHour"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return AuditEvent.Create(AuditAction.PasskeyFailed, context, now, problem.ToSnakeCase(), details);
        }

        if (counts)
        {
            await failures.RegisterAsync(userId, context, (_, now, inLastHour) => Describe(now, inLastHour), cancellationToken);
        }
        else
        {
            await updater.UpdateAsync(userId, user => new UserChange(user, [Describe(time.GetUtcNow(), null)]), cancellationToken);
        }

        return Failure.Of(ErrorCode.PasskeyInvalid, ("reason", problem));
    }
}
