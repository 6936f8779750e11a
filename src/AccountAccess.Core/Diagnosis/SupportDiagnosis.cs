using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Core.Diagnosis;

/// <summary>
/// "Why can't this person sign in?": runs sign-in's own decision (<see cref="SignInRules.Decide"/>, never a copy of it) on
/// the account as stored, lists every blocker it finds rather than the first, adds what sign-in does not say (pending
/// activation, no email on file, the last forgot-password outcome, failed attempts) and names for each who can fix it.
/// </summary>
public sealed class SupportDiagnosis(IUserStore users, IOrganizationStore organizations, PasswordSettings settings, TimeProvider time)
{
    /// <summary>The most audit events a diagnosis shows.</summary>
    public const int EventsShown = 20;

    public async Task<Result<AccountDiagnosis>> DiagnoseAsync(Caller caller, string userId, Portal? portal, AppVersion? appVersion, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden);
        }

        var user = stored.Value;
        if (AccessRules.ViewOf(caller, user, UserAction.ViewDiagnosis) is not { } view)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var memberOf = await organizations.GetManyAsync(user.Memberships.Select(m => m.OrganizationId), cancellationToken);
        var mergedInto = user.MergedIntoUserId is { } targetId ? (await users.GetAsync(targetId, cancellationToken))?.Value : null;
        var events = await users.GetEventsAsync(userId, EventsShown, cancellationToken);
        var now = time.GetUtcNow();
        var attemptedPortal = portal ?? DefaultPortal(user);
        var decision = SignInRules.Decide(user, memberOf, new SignInAttempt(attemptedPortal, appVersion), now, settings);

        // A merged account's memberships moved to the account it was merged into: "no organization linked" would send
        // support after unit rights it does not need.
        var merged = user.Deactivation?.Reason == DeactivationReason.Merged;
        var blockers = decision.Blockers
            .Where(b => !(merged && b is SignInBlocker.NoOrganizationLinked))
            .Select(b => FromSignIn(b, user, memberOf, mergedInto, now)).ToList();
        blockers.AddRange(BeyondSignIn(user, memberOf, mergedInto, decision, now));

        // The decision is the whole account's (can the person sign in at all?); what it shows is the reader's part of it.
        return new AccountDiagnosis(
            view.Of(user), attemptedPortal, blockers.Select(b => Within(view, b)).ToList(), decision, view.Of(events, userId), TwoFactorMethods.Of(user, memberOf));
    }

    private static Blocker FromSignIn(SignInBlocker blocker, User user, IReadOnlyList<Organization> memberOf, User? mergedInto, DateTimeOffset now) => blocker switch
    {
        SignInBlocker.AccountDeactivated d => new Blocker(BlockerCode.AccountDeactivated, Blocks.SignIn, d.Since,
            d.Reason switch
            {
                DeactivationReason.Merged => Remedy.SignInWithMergedAccount,
                _ when d.UnlockByPasswordReset => Remedy.ResetPasswordToReactivate,
                DeactivationReason.SuspiciousActivity => Remedy.AskAdministratorToReactivate,
                _ when d.Until is not null => Remedy.WaitForLockToEnd,
                _ => Remedy.AskSupervisorToReactivate,
            },
            Details(("reason", d.Reason.ToSnakeCase()), ("until", Format(d.Until)), ("by", user.Deactivation?.By.Kind.ToSnakeCase()),
                ("unlockByPasswordReset", d.UnlockByPasswordReset ? "true" : "false"),
                ("mergedIntoUserId", user.MergedIntoUserId), ("mergedIntoUsername", mergedInto?.Username),
                // A lock for too many attempts keeps out only the devices the person has not signed in on (where the policy says so).
                ("trustedDevices", d.Reason == DeactivationReason.TooManyAttempts ? user.TrustedDevices.Count(t => t.IsValidAt(now)).ToString(CultureInfo.InvariantCulture) : null),
                ("trustedDevicesBypassLockout", d.Reason == DeactivationReason.TooManyAttempts ? (LockoutPolicy.For(memberOf).TrustedDevicesBypassLockout ? "true" : "false") : null))),
        SignInBlocker.AccountDeparted d => new Blocker(BlockerCode.AccountDeparted, Blocks.SignIn, d.Since, Remedy.AskAdministratorAboutDepartureDate,
            Details(("departureDate", d.DepartureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))),
        SignInBlocker.AccessRevoked r => new Blocker(BlockerCode.AccessRevoked, Blocks.SignIn, r.Since, Remedy.AskOrganizationToRestoreAccess,
            Details(("organizationIds", string.Join(',', r.OrganizationIds)))),
        SignInBlocker.WrongPortal w => new Blocker(BlockerCode.WrongPortal, Blocks.SignIn, null, Remedy.UseExpectedPortal,
            Details(("expectedPortal", w.ExpectedPortal.ToSnakeCase()))),
        SignInBlocker.NoOrganizationLinked => new Blocker(BlockerCode.NoOrganizationLinked, Blocks.SignIn, null, Remedy.AskAdministratorForUnitRights, Details()),
        SignInBlocker.OrganizationSuspended s => Suspended(s, memberOf),
        SignInBlocker.AppUpdateRequired a => new Blocker(BlockerCode.AppUpdateRequired, Blocks.SignIn, null, Remedy.UpdateApp,
            Details(("minimumVersion", a.MinimumVersion.ToString()))),
        _ => throw new ArgumentOutOfRangeException(nameof(blocker), blocker, "Every sign-in blocker needs its diagnosis."),
    };

    private static Blocker Suspended(SignInBlocker.OrganizationSuspended suspended, IReadOnlyList<Organization> memberOf)
    {
        var organization = memberOf.FirstOrDefault(o => o.Suspension == suspended.Reason && o.SuspendedSince == suspended.SuspendedSince);
        var remedy = suspended.Reason == SuspensionReason.LeftService ? Remedy.OrganizationLeftService
            : organization?.Billing.ReactivationDueAt is not null ? Remedy.WaitForBillingReactivation
            : Remedy.PayOverdueInvoices;
        return new Blocker(BlockerCode.OrganizationSuspended, Blocks.SignIn, suspended.Since, remedy, Details(
            ("reason", suspended.Reason.ToSnakeCase()),
            ("organizationId", organization?.Id),
            ("organizationName", organization?.Name),
            ("unpaidInvoices", suspended.Reason == SuspensionReason.Billing ? organization?.Billing.UnpaidInvoices.ToString(CultureInfo.InvariantCulture) : null),
            ("reactivationDueAt", Format(organization?.Billing.ReactivationDueAt))));
    }

    private IEnumerable<Blocker> BeyondSignIn(User user, IReadOnlyList<Organization> memberOf, User? mergedInto, SignInDecision decision, DateTimeOffset now)
    {
        if (user.Password is null)
        {
            yield return PendingActivation(user, now);
        }

        if (SignInRules.PasswordChangeNeeded(user, memberOf, now, settings) is { } change)
        {
            yield return new Blocker(BlockerCode.PasswordChangeRequired, Blocks.NextSignIn, user.Password!.ExpiredAt ?? user.Password.ChangedAt,
                Remedy.ChooseNewPasswordAtSignIn, Details(("reason", change.ToSnakeCase())));
        }

        var secondFactorRequired = decision.Grant is not null
            ? decision.SecondFactorRequiredByPolicy
            : memberOf.Any(o => o.Policy.RequireTwoFactor);
        var passkeyRequired = decision.Grant is not null
            ? decision.PasskeyRequiredByPolicy
            : memberOf.Any(o => o.Policy.RequirePhishingResistant);
        if ((secondFactorRequired && !user.TwoFactor.IsEnrolled) || (passkeyRequired && user.TwoFactor.Passkeys.Count == 0))
        {
            yield return new Blocker(BlockerCode.TwoFactorEnrollmentRequired, Blocks.NextSignIn, null, Remedy.EnrollSecondFactorAtSignIn,
                passkeyRequired && user.TwoFactor.Passkeys.Count == 0 ? Details(("methods", "passkey")) : Details());
        }

        if (!user.Visible)
        {
            yield return new Blocker(BlockerCode.InvisibleAccount, Blocks.PasswordReset, null, Remedy.MakeAccountVisible, Details());
        }

        if (user.Email is null)
        {
            yield return new Blocker(BlockerCode.NoEmail, Blocks.PasswordReset, null, Remedy.AddEmailInEmployeeFile, Details());
        }

        if (user.DepartureDate is { } departure && !user.HasDepartedAt(now))
        {
            yield return new Blocker(BlockerCode.DepartureDateSet, Blocks.PasswordReset, null, Remedy.AdministratorSetsPassword,
                Details(("departureDate", departure.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }

        if (user.LastForgotPassword is { Refusal: ForgotPasswordRefusal.Throttled, Until: { } lifts } throttled)
        {
            if (lifts > now)
            {
                yield return new Blocker(BlockerCode.ForgotPasswordThrottled, Blocks.Nothing, throttled.At, Remedy.UseLatestResetEmail,
                    Details(("until", Format(lifts))));
            }
        }
        else if (user.LastForgotPassword is { Sent: false } refused)
        {
            var remedy = refused.Refusal switch
            {
                ForgotPasswordRefusal.Invisible => Remedy.MakeAccountVisible,
                ForgotPasswordRefusal.NoEmail => Remedy.AddEmailInEmployeeFile,
                ForgotPasswordRefusal.Merged => Remedy.SignInWithMergedAccount,
                _ => Remedy.AdministratorSetsPassword,
            };
            yield return new Blocker(BlockerCode.ForgotPasswordRefused, Blocks.Nothing, refused.At, remedy, Details(
                ("reason", refused.Refusal?.ToSnakeCase()),
                ("mergedIntoUsername", refused.Refusal == ForgotPasswordRefusal.Merged ? mergedInto?.Username : null)));
        }

        var failures = Lockout.FailuresCountingAt(user, now);
        if (failures > 0 && !user.IsDeactivatedAt(now))
        {
            var max = LockoutPolicy.For(memberOf).MaxFailedAttempts;
            yield return new Blocker(BlockerCode.RecentFailedAttempts, Blocks.Nothing, user.FailedAttempts.LastAt, Remedy.UseForgotPassword, Details(
                ("count", failures.ToString(CultureInfo.InvariantCulture)),
                ("maxFailedAttempts", max.ToString(CultureInfo.InvariantCulture)),
                ("remaining", Math.Max(0, max - failures).ToString(CultureInfo.InvariantCulture)),
                ("lastIp", user.FailedAttempts.LastIp)));
        }
    }

    /// <summary>A blocker without what names another organization, or where the person was, for a reader who sees only part of the account.</summary>
    private static Blocker Within(AccountView view, Blocker blocker)
    {
        if (view.IsWhole)
        {
            return blocker;
        }

        var details = new Dictionary<string, string>(blocker.Details);
        details.Remove("lastIp");
        if (details.GetValueOrDefault("organizationId") is { } organizationId && !view.Shows(organizationId))
        {
            foreach (var theirs in new[] { "organizationId", "organizationName", "unpaidInvoices", "reactivationDueAt" })
            {
                details.Remove(theirs);
            }
        }

        if (details.GetValueOrDefault("organizationIds") is { } organizationIds)
        {
            details["organizationIds"] = string.Join(',', organizationIds.Split(',').Where(view.Shows));
        }

        return blocker with { Details = details };
    }

    /// <summary>
    /// "Pending activation, kit sent at …": whether a welcome kit went out (or is going out now), and the state of its
    /// link. A kit whose link still works needs the person to open it, not a new kit.
    /// </summary>
    private static Blocker PendingActivation(User user, DateTimeOffset now)
    {
        var activation = user.ResetLinks.LastOrDefault(l => l.Purpose == ResetLinkPurpose.Activation);
        var linkState = activation is null ? "none" : LinkState(activation, now);
        var kit = user.WelcomeKit;
        var kitState = WelcomeKitRules.StateOf(user, now);
        var remedy = kitState == WelcomeKitState.Sent && linkState == "pending" ? Remedy.OpenWelcomeKitLink : Remedy.SendWelcomeKit;
        return new Blocker(BlockerCode.PendingActivation, Blocks.SignIn, user.CreatedAt, remedy, Details(
            ("welcomeKit", kitState.ToSnakeCase()),
            ("welcomeKitSentAt", Format(kit.SentAt)),
            ("welcomeKitSentBy", kit.SentBy?.ToSnakeCase()),
            ("activationLink", linkState),
            ("activationLinkIssuedAt", Format(activation?.IssuedAt)),
            ("activationLinkExpiresAt", Format(activation?.ExpiresAt))));
    }

    /// <summary>Without a portal, the one the person's most capable role uses: where they most likely try.</summary>
    private static Portal DefaultPortal(User user) =>
        user.Memberships.Count == 0 ? Portal.Employee
        : Portals.For(user.Memberships.Select(m => m.Role).OrderBy(r => r switch { Role.Administrator => 0, Role.Manager => 1, Role.Employee => 2, _ => 3 }).First());

    private static string LinkState(ResetLink link, DateTimeOffset now) =>
        link.UsedAt is not null ? "used"
        : link.SupersededBy == ResetLinkSupersededBy.EmailChange ? "email_changed"
        : link.SupersededAt is not null ? "superseded"
        : now >= link.ExpiresAt ? "expired"
        : "pending";

    private static string? Format(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Details(params (string Key, string? Value)[] details) =>
        details.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!);
}
