namespace AccountAccess.Core.Authorization;

/// <summary>What may be done to an organization.</summary>
public enum OrganizationAction
{
    View,
    AddUnit,
    CreateUser,
    AddMember,
    ChangePolicy,
    LeaveService,
    SendWelcomeKits,
    ViewEvents,

    /// <summary>Listing and searching the members (an organization's administrators; a supervisor, for its units).</summary>
    ListMembers,
}
