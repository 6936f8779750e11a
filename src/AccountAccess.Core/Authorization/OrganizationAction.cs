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
}
