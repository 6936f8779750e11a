using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Authorization;

/// <summary>
/// Who may act on whom (API.md "Administration and support"): an operator everywhere; an administrator on the members
/// of their organization; a supervisor — a manager with <see cref="Permission.UserManagement"/> — on users who share
/// one of their units (never an administrator), for the few actions a supervisor takes; nobody across organizations.
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

    private static readonly HashSet<OrganizationAction> AdministratorOrganizationActions =
    [
        OrganizationAction.View,
        OrganizationAction.AddUnit,
        OrganizationAction.CreateUser,
        OrganizationAction.SendWelcomeKits,
        OrganizationAction.ViewEvents,
    ];

    /// <summary>Whether <paramref name="caller"/> may take <paramref name="action"/> on <paramref name="target"/>, within <paramref name="organizationId"/> when given.</summary>
    public static bool Allows(Caller caller, User target, UserAction action, string? organizationId = null)
    {
        if (caller is Caller.Operator)
        {
            return true;
        }

        var actor = ((Caller.SignedInUser)caller).User;
        foreach (var own in actor.Memberships.Where(m => !m.AccessRevoked))
        {
            if (organizationId is not null && own.OrganizationId != organizationId)
            {
                continue;
            }

            if (target.MembershipIn(own.OrganizationId) is not { } theirs)
            {
                continue;
            }

            if (own.Role == Role.Administrator)
            {
                return true;
            }

            if (own.Role == Role.Manager && own.Has(Permission.UserManagement) && SupervisorActions.Contains(action)
                && theirs.Role != Role.Administrator && own.SharesUnitWith(theirs))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="caller"/> may take <paramref name="action"/> on the organization <paramref name="organizationId"/>.</summary>
    public static bool Allows(Caller caller, string organizationId, OrganizationAction action) =>
        caller switch
        {
            Caller.Operator => true,
            Caller.SignedInUser { User: var actor } =>
                AdministratorOrganizationActions.Contains(action)
                && actor.MembershipIn(organizationId) is { Role: Role.Administrator, AccessRevoked: false },
            _ => false,
        };
}
