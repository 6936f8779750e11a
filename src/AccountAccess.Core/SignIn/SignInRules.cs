using AccountAccess.Core.Accounts;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// The sign-in decision: a pure function of the account, its organizations, the attempt and the time. Sign-in and
/// the support diagnosis both call it, so what support reads is exactly what the person meets.
/// </summary>
public static class SignInRules
{
    /// <summary>Decides for someone who proved the password; blockers come in the order of API.md's sign-in table.</summary>
    public static SignInDecision Decide(
        User user, IReadOnlyList<Organization> organizations, SignInAttempt attempt, DateTimeOffset now, PasswordSettings? passwordSettings = null)
    {
        var organizationsById = organizations.ToDictionary(o => o.Id);
        var blockers = new List<SignInBlocker>();

        var lockoutPolicy = LockoutPolicy.For(organizations);
        if (user.Deactivation is { } lockout && lockout.IsInEffectAt(now)
            && !TrustedDevices.PassThroughLock(user, attempt.Device?.DeviceId, lockoutPolicy, now))
        {
            blockers.Add(new SignInBlocker.AccountDeactivated(lockout.Reason, lockout.Since, lockout.Until,
                SecurityUnlock.Allows(user, lockoutPolicy, now)));
        }

        if (user.HasDepartedAt(now))
        {
            blockers.Add(new SignInBlocker.AccountDeparted(user.DepartureDate!.Value));
        }

        // Each step narrows the memberships that could carry the sign-in. When a step leaves none, the later steps
        // look at what the previous one had, so the diagnosis still names every other problem.
        var memberships = user.Memberships.Where(m => organizationsById.ContainsKey(m.OrganizationId)).ToList();

        var open = memberships.Where(m => !m.AccessRevoked).ToList();
        if (memberships.Count > 0 && open.Count == 0)
        {
            blockers.Add(new SignInBlocker.AccessRevoked(
                memberships.Select(m => m.OrganizationId).ToList(),
                memberships.Max(m => m.AccessRevokedAt)));
        }

        var considered = Prefer(open, memberships);
        var onThisPortal = considered.Where(m => attempt.Portal.Accepts(m.Role)).ToList();
        if (considered.Count > 0 && onThisPortal.Count == 0)
        {
            blockers.Add(new SignInBlocker.WrongPortal(Portals.For(considered[0].Role)));
        }

        var candidates = Prefer(onThisPortal, considered);
        var linked = candidates.Where(m => m.HasUnitRights).ToList();
        if (linked.Count == 0)
        {
            blockers.Add(new SignInBlocker.NoOrganizationLinked());
        }

        candidates = Prefer(linked, candidates);
        var candidateOrganizations = candidates.Select(m => organizationsById[m.OrganizationId]).ToList();
        var usable = candidateOrganizations.Where(o => o.Suspension is null).ToList();
        if (candidateOrganizations.Count > 0 && usable.Count == 0)
        {
            var billing = candidateOrganizations.FirstOrDefault(o => o.Suspension == SuspensionReason.Billing);
            var suspended = billing ?? candidateOrganizations[0];
            blockers.Add(new SignInBlocker.OrganizationSuspended(suspended.Suspension!.Value, suspended.SuspendedSince));
        }

        if (attempt.AppVersion is { } appVersion && MinimumAppVersion(Prefer(usable, candidateOrganizations)) is { } minimum
            && appVersion.CompareTo(minimum) < 0)
        {
            blockers.Add(new SignInBlocker.AppUpdateRequired(minimum));
        }

        if (blockers.Count > 0)
        {
            return new SignInDecision(blockers, null);
        }

        var granted = candidates.Where(m => organizationsById[m.OrganizationId].Suspension is null).ToList();
        var role = granted.Select(m => m.Role).OrderBy(RoleRank).First();
        var grant = new SignInGrant(role, granted.Select(m => m.OrganizationId).Distinct().ToList());
        var requiresSecondFactor = granted.Any(m => organizationsById[m.OrganizationId].Policy.RequireTwoFactor);
        var requiresPasskey = granted.Any(m => organizationsById[m.OrganizationId].Policy.RequirePhishingResistant);
        return new SignInDecision(
            blockers, grant, PasswordChangeNeeded(user, organizations, now, passwordSettings ?? new PasswordSettings()), requiresSecondFactor, requiresPasskey);
    }

    /// <summary>Whether the password must be replaced before access: temporary, or past the policy's maximum age.</summary>
    public static PasswordChangeReason? PasswordChangeNeeded(User user, IReadOnlyList<Organization> organizations, DateTimeOffset now, PasswordSettings settings)
    {
        if (user.Password is not { } password)
        {
            return null;
        }

        if (password.Temporary)
        {
            return PasswordChangeReason.Temporary;
        }

        var maxAge = PasswordPolicy.For(organizations, settings, user.TwoFactor.IsEnrolled).MaxAge;
        return password.ExpiredAt is not null || (maxAge is { } age && now >= password.ChangedAt + age) ? PasswordChangeReason.Expired : null;
    }

    private static List<T> Prefer<T>(List<T> narrowed, List<T> wider) => narrowed.Count > 0 ? narrowed : wider;

    private static AppVersion? MinimumAppVersion(IEnumerable<Organization> organizations) =>
        organizations
            .Select(o => AppVersion.TryParse(o.Policy.MinimumAppVersion, out var version) ? version : null)
            .Where(v => v is not null)
            .Max();

    // The most capable role comes first: a manager who is also an administrator elsewhere signs in as administrator.
    private static int RoleRank(Role role) => role switch
    {
        Role.Administrator => 0,
        Role.Manager => 1,
        _ => 2,
    };
}
