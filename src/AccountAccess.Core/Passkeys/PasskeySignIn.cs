using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// Signing in with a passkey alone: request options (for any of our discoverable passkeys, or for the passkeys of a login
/// typed), then the answer, which — the person verified by the authenticator — proves both what a password and a second
/// factor prove, and goes through the same sign-in rules (<see cref="SignInHandler.CompleteAsync"/>: deactivation, portal,
/// billing, app version, password age). Nothing in the options or in a refusal tells whether a login names an account.
/// </summary>
public sealed class PasskeySignIn(
    IUserStore users,
    IOrganizationStore organizations,
    SignInHandler signIn,
    PasskeyCeremonies ceremonies,
    RelyingParty relyingParty,
    PasskeyAssertions assertions,
    DecoyCredentials decoys,
    TimeProvider time)
{
    // An id no account has (generated ids are longer): reading it costs what reading a real account does.
    private const string DecoyUserId = "usr_decoy";

    /// <summary>
    /// Request options for a sign-in: without <paramref name="login"/>, any discoverable passkey of ours (the browser lists
    /// the person's); with one, its account's passkeys — or, for a login of no account or of one without passkeys, credentials
    /// that look like them (<see cref="DecoyCredentials"/>), after the same reads.
    /// </summary>
    public async Task<PasskeyOptions> OptionsAsync(string? login, CancellationToken cancellationToken)
    {
        string? userId = null;
        string options;
        var normalized = login is null ? string.Empty : LoginName.Normalize(login);
        if (normalized.Length == 0)
        {
            options = relyingParty.RequestOptions([], userVerification: true);
        }
        else
        {
            var found = await users.FindUserIdByLoginAsync(normalized, cancellationToken);
            var passkeys = (await users.GetAsync(found ?? DecoyUserId, cancellationToken))?.Value.TwoFactor.Passkeys ?? [];
            userId = passkeys.Count > 0 ? found : null;
            options = relyingParty.RequestOptions(passkeys.Count > 0 ? RelyingParty.Descriptors(passkeys) : decoys.For(normalized), userVerification: true);
        }

        var ceremony = await ceremonies.StartAsync(PasskeyCeremonyPurpose.SignIn, userId, options, cancellationToken);
        return new PasskeyOptions(ceremony.Id, options, ceremony.ExpiresAt);
    }

    /// <summary>
    /// The login result for the passkey that answered the options of <paramref name="ceremonyId"/>, or <c>passkey_invalid</c>
    /// (audited on the account the answer names, counted when its passkey signed it).
    /// </summary>
    public async Task<Result<SignedIn>> VerifyAsync(
        string ceremonyId, string credentialJson, SignInAttempt attempt, RequestContext context, CancellationToken cancellationToken)
    {
        var answer = PasskeyAssertion.Parse(credentialJson);
        if (!answer.Succeeded)
        {
            return answer.Failure!;
        }

        var (ceremony, ceremonyProblem) = await ceremonies.EndAsync(ceremonyId, PasskeyCeremonyPurpose.SignIn, null, cancellationToken);

        // Whose passkey: the user handle a discoverable credential carries, else the account of the login typed.
        var handleUserId = answer.Value.UserIdFromHandle();
        var userId = handleUserId ?? ceremony?.UserId;
        var user = userId is null ? null : (await users.GetAsync(userId, cancellationToken))?.Value;
        var passkey = user?.TwoFactor.Passkeys.FirstOrDefault(p => p.Holds(answer.Value.CredentialId));
        if (user is null || passkey is null || (ceremony?.UserId is { } typed && typed != user.Id))
        {
            if (user is not null)
            {
                return await assertions.RefuseAsync(user.Id, ceremonyProblem ?? PasskeyProblem.UnknownCredential, counts: false, PasskeyCeremonyPurpose.SignIn, null, context, cancellationToken);
            }

            return Failure.Of(ErrorCode.PasskeyInvalid, ("reason", ceremonyProblem ?? PasskeyProblem.UnknownCredential));
        }

        if (ceremonyProblem is { } problem)
        {
            // A used or expired challenge answered by the account's own passkey is a replay, not noise: it counts.
            return await assertions.RefuseAsync(user.Id, problem, counts: RelyingParty.SignedBy(passkey, answer.Value), PasskeyCeremonyPurpose.SignIn, passkey.Id, context, cancellationToken);
        }

        var accepted = await assertions.AcceptAsync(user, ceremony!.Options, answer.Value, PasskeyCeremonyPurpose.SignIn, passwordProven: false, context, cancellationToken);
        if (!accepted.Succeeded)
        {
            return accepted.Failure!;
        }

        var memberOf = await organizations.GetManyAsync(accepted.Value.Memberships.Select(m => m.OrganizationId), cancellationToken);
        return await signIn.CompleteAsync(accepted.Value, memberOf, attempt, time.GetUtcNow(), secondFactorProven: true, passkeyProven: true, cancellationToken, context);
    }
}
