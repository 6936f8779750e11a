using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// The holder's passkeys: adding one (the password again first — a token alone must not add a way in — then the options,
/// then the authenticator's answer), renaming, and removing (the password again). At most
/// <see cref="PasskeySettings.MaxPerAccount"/> per account. Every change is audited; the holder is told when one is added or
/// removed (<see cref="PasskeyChangedNotice"/>).
/// </summary>
public sealed class PasskeyRegistrations(
    IUserStore users,
    UserUpdater updater,
    StepUp stepUp,
    PasskeyCeremonies ceremonies,
    RelyingParty relyingParty,
    PasskeyAssertions assertions,
    HolderNotifier holders,
    TimeProvider time)
{
    /// <summary>Creation options for a new passkey of <paramref name="userId"/>, once <paramref name="password"/> is proven.</summary>
    public async Task<Result<PasskeyOptions>> BeginAsync(string userId, string password, RequestContext context, CancellationToken cancellationToken)
    {
        if ((await stepUp.ProveAsync(userId, password, context, cancellationToken)).Failure is { } refused)
        {
            return refused;
        }

        if ((await users.GetAsync(userId, cancellationToken))?.Value is not { } user)
        {
            return Failure.Of(ErrorCode.Unauthorized);
        }

        if (TooMany(user) is { } full)
        {
            return full;
        }

        var options = relyingParty.CreationOptions(user);
        var ceremony = await ceremonies.StartAsync(PasskeyCeremonyPurpose.Registration, userId, options, cancellationToken);
        return new PasskeyOptions(ceremony.Id, options, ceremony.ExpiresAt);
    }

    /// <summary>Registers the passkey that answered the options of <paramref name="ceremonyId"/>; its name, or one given.</summary>
    public async Task<Result<Passkey>> CompleteAsync(
        string userId, string ceremonyId, string? name, string credentialJson, RequestContext context, CancellationToken cancellationToken)
    {
        if (name is not null && PasskeyName.Problem(name) is { } badName)
        {
            return Failure.InvalidField("name", badName);
        }

        var answer = PasskeyAttestation.Parse(credentialJson);
        if (!answer.Succeeded)
        {
            return answer.Failure!;
        }

        var (ceremony, ceremonyProblem) = await ceremonies.EndAsync(ceremonyId, PasskeyCeremonyPurpose.Registration, userId, cancellationToken);
        if (ceremonyProblem is { } problem)
        {
            return await assertions.RefuseAsync(userId, problem, counts: false, PasskeyCeremonyPurpose.Registration, null, context, cancellationToken);
        }

        var existing = (await users.GetAsync(userId, cancellationToken))?.Value.TwoFactor.Passkeys ?? [];
        var (credential, refusal) = await relyingParty.VerifyRegistrationAsync(ceremony!.Options, answer.Value, existing, cancellationToken);
        if (refusal is { } refused)
        {
            return await assertions.RefuseAsync(userId, refused, counts: false, PasskeyCeremonyPurpose.Registration, null, context, cancellationToken);
        }

        Passkey? added = null;
        var saved = await updater.UpdateAsync(userId, user =>
        {
            if (user.TwoFactor.Passkeys.Any(p => p.Holds(credential!.CredentialId)))
            {
                return Failure.Of(ErrorCode.PasskeyInvalid, ("reason", PasskeyProblem.AlreadyRegistered));
            }

            if (TooMany(user) is { } full)
            {
                return full;
            }

            var now = time.GetUtcNow();
            added = new Passkey
            {
                Id = Ids.NewPasskeyId(),
                Name = name?.Trim() ?? PasskeyName.Default(user),
                CredentialId = credential!.CredentialId,
                PublicKey = credential.PublicKey,
                SignCount = credential.SignCount,
                Transports = credential.Transports,
                UserHandle = credential.UserHandle,
                AaGuid = credential.AaGuid,
                BackupEligible = credential.BackupEligible,
                BackedUp = credential.BackedUp,
                CreatedAt = now,
            };
            return new UserChange(user with { TwoFactor = user.TwoFactor with { Passkeys = [.. user.TwoFactor.Passkeys, added] } },
                [AuditEvent.Create(AuditAction.PasskeyAdded, context, now, details: Details(added))]);
        }, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.Failure!;
        }

        await holders.NotifyAsync(saved.Value, new PasskeyChangedNotice(added!.CreatedAt, context.Ip, added.Name, Added: true), cancellationToken);
        return added;
    }

    /// <summary>Gives <paramref name="passkeyId"/> a new name (no step-up: a name opens nothing).</summary>
    public async Task<Result<Passkey>> RenameAsync(string userId, string passkeyId, string name, RequestContext context, CancellationToken cancellationToken)
    {
        if (PasskeyName.Problem(name) is { } badName)
        {
            return Failure.InvalidField("name", badName);
        }

        Passkey? renamed = null;
        var saved = await updater.UpdateAsync(userId, user =>
        {
            if (user.TwoFactor.Passkeys.FirstOrDefault(p => p.Id == passkeyId) is not { } passkey)
            {
                return Failure.Of(ErrorCode.NotFound, ("passkeyId", passkeyId));
            }

            renamed = passkey with { Name = name.Trim() };
            if (renamed.Name == passkey.Name)
            {
                return UserChange.None(user);
            }

            var passkeys = user.TwoFactor.Passkeys.Select(p => p.Id == passkeyId ? renamed : p).ToList();
            return new UserChange(user with { TwoFactor = user.TwoFactor with { Passkeys = passkeys } },
                [AuditEvent.Create(AuditAction.PasskeyRenamed, context, time.GetUtcNow(), details: new Dictionary<string, string> { ["passkeyId"] = passkeyId })]);
        }, cancellationToken);
        return saved.Succeeded ? renamed! : saved.Failure!;
    }

    /// <summary>Removes <paramref name="passkeyId"/> once <paramref name="password"/> is proven; the passkey removed.</summary>
    public async Task<Result<Passkey>> RemoveAsync(string userId, string passkeyId, string password, RequestContext context, CancellationToken cancellationToken)
    {
        if ((await stepUp.ProveAsync(userId, password, context, cancellationToken)).Failure is { } refused)
        {
            return refused;
        }

        Passkey? removed = null;
        var saved = await updater.UpdateAsync(userId, user =>
        {
            removed = user.TwoFactor.Passkeys.FirstOrDefault(p => p.Id == passkeyId);
            if (removed is null)
            {
                return Failure.Of(ErrorCode.NotFound, ("passkeyId", passkeyId));
            }

            return new UserChange(user with { TwoFactor = user.TwoFactor with { Passkeys = user.TwoFactor.Passkeys.Where(p => p.Id != passkeyId).ToList() } },
                [AuditEvent.Create(AuditAction.PasskeyRemoved, context, time.GetUtcNow(), details: Details(removed))]);
        }, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.Failure!;
        }

        await holders.NotifyAsync(saved.Value, new PasskeyChangedNotice(time.GetUtcNow(), context.Ip, removed!.Name, Added: false), cancellationToken);
        return removed;
    }

    private static Failure? TooMany(User user) =>
        user.TwoFactor.Passkeys.Count >= PasskeySettings.MaxPerAccount
            ? Failure.Of(ErrorCode.InvalidState, ("reason", "too_many_passkeys"), ("max", PasskeySettings.MaxPerAccount))
            : null;

    private static Dictionary<string, string> Details(Passkey passkey) => new()
    {
        ["passkeyId"] = passkey.Id,
        ["synced"] = passkey.BackupEligible ? "true" : "false",
    };
}
