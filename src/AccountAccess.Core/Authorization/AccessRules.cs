using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Members;

namespace AccountAccess.Core.Authorization;

/// <summary>
/// Who may act on whom (API.md "Administration and support", "Several organizations"): an operator everywhere; an
/// administrator on the members of their organization; a supervisor — a manager with <see cref="Permission.UserManagement"/> —
/// on users who share one of their units (never an administrator), for the few actions a supervisor takes; nobody across
/// organizations. What belongs to the whole account (its password, second factors, emails, lock, erasure…) is changed by
/// an administrator or supervisor only when every membership of the user is in an organization where they hold that
/// right, else <c>403 other_organizations</c>: one organization must not take over a person another organization trusts
/// (an administrator of B who is also a client of A). The one rule every route goes through.
/// </summary>
public static class AccessRules
{
    private static readonly HashSet<UserAction> SupervisorActions =
    [
        UserAction.ViewEvents,
        UserAction.ViewDiagnosis,
        UserAction.Deactivate,
        UserAction.Reactivate,
        UserAction.SetPassword,
    ];

    private static readonly HashSet<UserAction> WholeAccountActions =
    [
        UserAction.Edit,
        UserAction.Deactivate,
        UserAction.Reactivate,
        UserAction.ReactivateAfterSuspiciousActivity,
        UserAction.SetPassword,
        UserAction.SetTemporaryPassword,
        UserAction.ResetTwoFactor,
        UserAction.EndSessions,
        UserAction.Erase,
    ];

    private static readonly HashSet<UserAction> Reads = [UserAction.View, UserAction.ViewEvents, UserAction.ViewDiagnosis];

    private static readonly HashSet<OrganizationAction> AdministratorOrganizationActions =
    [
        OrganizationAction.View,
        OrganizationAction.AddUnit,
        OrganizationAction.CreateUser,
        OrganizationAction.SendWelcomeKits,
        OrganizationAction.ViewEvents,
        OrganizationAction.ListMembers,
    ];

    /// <summary>
    /// Whether <paramref name="action"/> changes what belongs to the whole account rather than one membership: its
    /// password, second factors, lock, emails and other fields of its own, or its erasure.
    /// </summary>
    public static bool BelongsToTheWholeAccount(UserAction action) => WholeAccountActions.Contains(action);

    /// <summary>Whether <paramref name="caller"/> may take <paramref name="action"/> on <paramref name="target"/>, within <paramref name="organizationId"/> when given.</summary>
    public static bool Allows(Caller caller, User target, UserAction action, string? organizationId = null) =>
        Refusal(caller, target, action, organizationId) is null;

    /// <summary>
    /// Why <paramref name="caller"/> may not take <paramref name="action"/> on <paramref name="target"/> (within
    /// <paramref name="organizationId"/> when given): <c>forbidden</c> without the right in any organization of the user,
    /// <c>other_organizations</c> when the action belongs to the whole account and the user belongs elsewhere too; null
    /// when allowed. The holder acting on their own account keeps the rights their role gives them.
    /// </summary>
    public static Failure? Refusal(Caller caller, User target, UserAction action, string? organizationId = null)
    {
        if (caller is Caller.Operator)
        {
            return null;
        }

        var actor = ((Caller.SignedInUser)caller).User;
        var granted = GrantingOrganizations(actor, target, action, organizationId);
        if (granted.Count == 0)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        return BelongsToTheWholeAccount(action) && actor.Id != target.Id && !target.Memberships.All(m => granted.Contains(m.OrganizationId))
            ? Failure.Of(ErrorCode.OtherOrganizations)
            : null;
    }

    /// <summary>
    /// The organization <paramref name="caller"/> acts for when taking <paramref name="action"/> on <paramref name="target"/>:
    /// the one organization of the user in which they hold the right; null for an operator, the holder, or a caller whose
    /// right comes from several (or none).
    /// </summary>
    public static string? ActingOrganization(Caller caller, User target, UserAction action) =>
        caller is Caller.SignedInUser { User: var actor } && actor.Id != target.Id
        && GrantingOrganizations(actor, target, action, organizationId: null) is { Count: 1 } granted
            ? granted.Single()
            : null;

    /// <summary>
    /// What <paramref name="caller"/> may read of <paramref name="target"/> for <paramref name="read"/> (a view, the events,
    /// the diagnosis): the whole account for an operator, the holder, or a reader whose rights cover every membership of the
    /// user; otherwise only the organizations where they hold the right. Null when they may read nothing.
    /// </summary>
    public static AccountView? ViewOf(Caller caller, User target, UserAction read)
    {
        if (!Reads.Contains(read))
        {
            throw new ArgumentOutOfRangeException(nameof(read), read, "Not a read.");
        }

        if (caller is Caller.Operator)
        {
            return AccountView.Whole;
        }

        var actor = ((Caller.SignedInUser)caller).User;
        var granted = GrantingOrganizations(actor, target, read, organizationId: null);
        return granted.Count == 0 ? null
            : actor.Id == target.Id || target.Memberships.All(m => granted.Contains(m.OrganizationId)) ? AccountView.Whole
            : AccountView.Within(granted);
    }

    /// <summary>Whether <paramref name="caller"/> may take <paramref name="action"/> on the organization <paramref name="organizationId"/>.</summary>
    public static bool Allows(Caller caller, string organizationId, OrganizationAction action) =>
        caller switch
        {
            Caller.Operator => true,
            Caller.SignedInUser { User: var actor } =>
                (AdministratorOrganizationActions.Contains(action)
                    && actor.MembershipIn(organizationId) is { Role: Role.Administrator, AccessRevoked: false })
                || (action == OrganizationAction.ListMembers && IsSupervisor(actor.MembershipIn(organizationId))),
            _ => false,
        };

    /// <summary>
    /// Which members of <paramref name="organizationId"/> <paramref name="caller"/> may list: every one for an operator or
    /// the organization's administrator, a supervisor's units' (no administrator) for a supervisor; null for anyone else.
    /// </summary>
    public static MemberScope? MemberScopeOf(Caller caller, string organizationId) =>
        !Allows(caller, organizationId, OrganizationAction.ListMembers) ? null
        : caller is Caller.SignedInUser { User: var actor } && actor.MembershipIn(organizationId) is { Role: not Role.Administrator } own
            ? MemberScope.Units(own.UnitIds)
            : MemberScope.WholeOrganization;

    /// <summary>
    /// Whether <paramref name="caller"/> may look a login up across the service (GET /api/users?login=): an operator, or an
    /// administrator of some organization (who then sees only users of its organizations).
    /// </summary>
    public static bool MayFindUsers(Caller caller) =>
        caller is Caller.Operator
        || (caller is Caller.SignedInUser { User: var actor } && actor.Memberships.Any(m => m is { Role: Role.Administrator, AccessRevoked: false }));

    /// <summary>
    /// Whether <paramref name="caller"/> may give or take <paramref name="permission"/>: an operator any; anyone else who may
    /// edit the membership, any but <see cref="Permission.Support"/>, which makes an operator (<see cref="SupportTeam"/>) and
    /// so is the operators' to hand out: an administrator of the support team's organization cannot make itself one.
    /// </summary>
    public static bool MayGrant(Caller caller, Permission permission) =>
        permission != Permission.Support || caller is Caller.Operator;

    private static bool IsSupervisor(Membership? membership) =>
        membership is { Role: Role.Manager, AccessRevoked: false } && membership.Has(Permission.UserManagement);

    /// <summary>The organizations of <paramref name="target"/> in which <paramref name="actor"/> holds the right to <paramref name="action"/>.</summary>
    private static HashSet<string> GrantingOrganizations(User actor, User target, UserAction action, string? organizationId)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var own in actor.Memberships.Where(m => !m.AccessRevoked))
        {
            if ((organizationId is not null && own.OrganizationId != organizationId) || target.MembershipIn(own.OrganizationId) is not { } theirs)
            {
                continue;
            }

            var administrator = own.Role == Role.Administrator;
            var supervisor = IsSupervisor(own) && SupervisorActions.Contains(action)
                && theirs.Role != Role.Administrator && own.SharesUnitWith(theirs);
            if (administrator || supervisor)
            {
                granted.Add(own.OrganizationId);
            }
        }

        return granted;
    }
}
