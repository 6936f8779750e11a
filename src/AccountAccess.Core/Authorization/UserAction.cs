namespace AccountAccess.Core.Authorization;

/// <summary>
/// What one person may do to another's account, through the administration routes. Some belong to the whole account
/// (<see cref="AccessRules.BelongsToTheWholeAccount"/>): an organization's administrator or supervisor takes them only on
/// a user all of whose memberships are in their organization.
/// </summary>
public enum UserAction
{
    View,

    /// <summary>The account's own fields (emails, phone, name, visibility, departure, language): the whole account.</summary>
    Edit,

    /// <summary>A membership's unit rights and permissions, in the organization named.</summary>
    EditMembership,
    ViewEvents,
    ViewDiagnosis,
    Deactivate,
    Reactivate,

    /// <summary>Lifting a <c>suspicious_activity</c> lock: administrators and operators only, never supervisors.</summary>
    ReactivateAfterSuspiciousActivity,
    SetPassword,
    SetTemporaryPassword,
    RevokeAccess,
    ResetTwoFactor,
    SendWelcomeKit,

    /// <summary>Erasing the user (DELETE /api/users/{id}): administrators and operators only.</summary>
    Erase,
}
